import type { JournalEntry, JobJournal } from "./open-job-journal.js";
import type { JobLog } from "../log/job-log.js";
import type { AddOutcome, AnyQueue, Queue } from "./queue.js";
import { recoverJournal } from "./recover-journal.js";
import { runJournaled } from "./run-journaled.js";
import { reviewJobId, reviewJobKey, type ReviewJob } from "../github/review-job.js";

export { MAX_JOURNAL_STARTS } from "./recover-journal.js";

/** The journaled queue, with what a restart needs. */
export interface JournalReviewQueue extends Queue<ReviewJob, Promise<AddOutcome>> {
  /** Put the jobs a stopped process accepted back in the queue (they are in the journal already); returns how many. */
  recover(pending: readonly JournalEntry<ReviewJob>[]): Promise<number>;
  /** The review opened its check run: a restart reuses it. */
  noteCheckRun(job: ReviewJob, checkRunId: number): void;
}

/**
 * Single-process mode's durability: every review is written to the local job
 * journal before it is queued (so before the webhook is answered), and marked
 * done when it ends, is superseded while waiting, or is refused. A job still
 * running when the queue closes (shutdown) stays in the journal, so the next
 * start runs it again; a repeat of a job already recorded costs no write.
 */
export function journalReviewQueue(params: {
  readonly queue: AnyQueue<ReviewJob>;
  readonly journal: JobJournal<ReviewJob>;
  readonly log: JobLog;
  /** Told of a job given up at start (its check run, if it opened one, would otherwise stay in progress). */
  readonly onGiveUp?: (entry: JournalEntry<ReviewJob>) => void;
}): JournalReviewQueue {
  const { queue, journal, log } = params;
  // Per key, the job added last that has not started: when a newer one supersedes it, it is done.
  const waiting = new Map<string, string>();

  const enqueue = async (id: string, key: string, data: ReviewJob): Promise<AddOutcome> => {
    const outcome = await queue.add({ id, key, data, kind: "review" });
    if (outcome === "full") journal.done(id);
    if (outcome === "queued" || outcome === "superseded") {
      const before = waiting.get(key);
      waiting.set(key, id);
      if (before !== undefined && before !== id && outcome === "superseded") journal.done(before);
    }
    return outcome;
  };

  return {
    async add(queued) {
      await journal.record(queued.id, queued.data);
      return enqueue(queued.id, queued.key, queued.data);
    },
    recover: (pending) =>
      recoverJournal({
        pending,
        journal,
        log,
        enqueue: (entry) => enqueue(entry.id, reviewJobKey(entry.data), entry.data),
        ...(params.onGiveUp === undefined ? {} : { onGiveUp: params.onGiveUp }),
      }),
    noteCheckRun(job, checkRunId) {
      journal.update(reviewJobId(job), { ...job, checkRunId });
    },
    process(handler) {
      queue.process(async (job, signal) => {
        const id = reviewJobId(job);
        const key = reviewJobKey(job);
        if (waiting.get(key) === id) waiting.delete(key);
        await runJournaled({ journal, id, signal, run: () => handler(job, signal) });
      });
    },
    onIdle: () => queue.onIdle(),
    size: () => queue.size(),
    close: async (options) => {
      await queue.close(options);
      await journal.close();
    },
  };
}
