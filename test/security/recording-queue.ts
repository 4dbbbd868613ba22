import type { AddOutcome, Queue, QueuedJob } from "../../src/jobs/queue.js";

/** A queue that records what the webhook handlers add and runs nothing. */
export function recordingQueue<T>(): Queue<T> & { readonly added: QueuedJob<T>[] } {
  const added: QueuedJob<T>[] = [];
  return {
    added,
    add(job): AddOutcome {
      added.push(job);
      return "queued";
    },
    process() {
      // Jobs are only recorded.
    },
    onIdle: () => Promise.resolve(),
    size: () => 0,
    close: () => Promise.resolve(),
  };
}
