import type { AddOutcome, Queue } from "./queue.js";

/**
 * The queue as a webhook server (`patchsmith serve`) uses it: it adds jobs and
 * never runs them (workers do), so `process` does nothing.
 */
export function producerOnly<T, A extends AddOutcome | Promise<AddOutcome>>(queue: Queue<T, A>): Queue<T, A> {
  return {
    add: (job) => queue.add(job),
    process: () => undefined,
    onIdle: () => queue.onIdle(),
    size: () => queue.size(),
    close: (options) => queue.close(options),
  };
}
