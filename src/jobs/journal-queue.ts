import type { JobLog } from "../log/job-log.js";
import type { JobJournal, JournalEntry } from "./open-job-journal.js";
import type { ProducibleQueue } from "./producer-only.js";
import type { QueuedJob } from "./queue.js";
import { recoverJournal } from "./recover-journal.js";
import { runJournaled } from "./run-journaled.js";

/** A journaled queue: `add` resolves once the job is on disk; `recover` queues what a stopped process left. */
export interface JournalQueue<T, A> extends ProducibleQueue<T, Promise<A>> {
  /** Put the jobs a stopped process accepted back in the queue (they are in the journal already); returns how many. */
  recover(pending: readonly JournalEntry<T>[]): Promise<number>;
}

/**
 * Single-process durability for slash commands and scans, as journalReviewQueue
 * gives reviews: each job is written (and synced) to its journal before the
 * in-memory queue takes it, so before the webhook is answered; it is marked
 * done when it ends or when the queue refuses it (`refused`, e.g. "busy"), and
 * stays in the journal when a shutdown stops it or the process dies, so the
 * next start runs it again (given up after MAX_JOURNAL_STARTS starts). A job
 * started before is queued again as `resume(data)`, so it can look for what
 * it already did (a command's posted reply) instead of doing it twice.
 */
export function journalQueue<T, A>(params: {
  readonly queue: ProducibleQueue<T, A | Promise<A>>;
  readonly journal: JobJournal<T>;
  readonly log: JobLog;
  /** The queue entry of a job's data (its id as the journal's). */
  readonly toQueued: (data: T) => QueuedJob<T>;
  /** The answers of `add` that mean the job will not run. */
  readonly refused: readonly A[];
  /** The data of a job queued again after a process started it (default: unchanged). */
  readonly resume?: (data: T) => T;
  /** Told of a job given up at start (started MAX_JOURNAL_STARTS times, never done). */
  readonly onGiveUp?: (entry: JournalEntry<T>) => void;
}): JournalQueue<T, A> {
  const { queue, journal, log } = params;
  const enqueue = async (queued: QueuedJob<T>): Promise<A> => {
    const outcome = await queue.add(queued);
    if (params.refused.includes(outcome)) journal.done(queued.id);
    return outcome;
  };
  return {
    async add(queued) {
      await journal.record(queued.id, queued.data);
      return enqueue(queued);
    },
    recover: (pending) =>
      recoverJournal({
        pending,
        journal,
        log,
        ...(params.onGiveUp === undefined ? {} : { onGiveUp: params.onGiveUp }),
        enqueue: async (entry) => {
          const data = entry.starts > 0 && params.resume !== undefined ? params.resume(entry.data) : entry.data;
          const outcome = await enqueue({ ...params.toQueued(data), id: entry.id });
          if (params.refused.includes(outcome)) log.warn({ jobId: entry.id, outcome }, `Could not queue the unfinished job ${entry.id} again: ${String(outcome)}`);
          return outcome;
        },
      }),
    process(handler) {
      queue.process((data, signal) => runJournaled({ journal, id: params.toQueued(data).id, signal, run: () => handler(data, signal) }));
    },
    onIdle: () => queue.onIdle(),
    size: () => queue.size(),
    close: async (options) => {
      await queue.close(options);
      await journal.close();
    },
  };
}
