import type { JobJournal } from "./open-job-journal.js";
import { QueueClosedError } from "./queue-closed-error.js";

/**
 * Run a journaled job: note that it started, run it, and mark it done however
 * it ends, except when a shutdown stopped it (the queue closed): then it stays
 * in the journal, so the next start runs it again.
 */
export async function runJournaled(params: { readonly journal: Pick<JobJournal<unknown>, "started" | "done">; readonly id: string; readonly signal: AbortSignal; readonly run: () => Promise<void> }): Promise<void> {
  const { journal, id, signal } = params;
  journal.started(id);
  try {
    await params.run();
  } finally {
    if (!(signal.aborted && signal.reason instanceof QueueClosedError)) journal.done(id);
  }
}
