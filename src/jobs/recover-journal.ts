import type { JobLog } from "../log/job-log.js";
import type { JobJournal, JournalEntry } from "./open-job-journal.js";

/** A job that killed the process this many times (started, never done) is given up at the next start. */
export const MAX_JOURNAL_STARTS = 3;

/**
 * Queue again the jobs a stopped process left in its journal, oldest first;
 * a job started MAX_JOURNAL_STARTS times and never done is given up instead
 * (logged, marked done, `onGiveUp` told). Returns how many were queued.
 */
export async function recoverJournal<T>(params: {
  readonly pending: readonly JournalEntry<T>[];
  readonly journal: JobJournal<T>;
  readonly log: JobLog;
  readonly enqueue: (entry: JournalEntry<T>) => Promise<unknown>;
  readonly onGiveUp?: (entry: JournalEntry<T>) => void;
}): Promise<number> {
  let enqueued = 0;
  for (const entry of params.pending) {
    if (entry.starts >= MAX_JOURNAL_STARTS) {
      params.log.error({ jobId: entry.id, starts: entry.starts }, `Gave up job ${entry.id}: it was started ${String(entry.starts)} times and never finished (did it stop the process?)`);
      params.journal.done(entry.id);
      params.onGiveUp?.(entry);
      continue;
    }
    await params.enqueue(entry);
    enqueued++;
  }
  return enqueued;
}
