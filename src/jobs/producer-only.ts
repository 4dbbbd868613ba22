import type { CloseOptions, JobHandler, QueuedJob } from "./queue.js";

/** What producerOnly needs of a queue: the review, scan and command queues all have this shape. */
export interface ProducibleQueue<T, A> {
  add(job: QueuedJob<T>): A;
  process(handler: JobHandler<T>): void;
  onIdle(): Promise<void>;
  size(): number;
  close(options?: CloseOptions): Promise<void>;
}

/**
 * The queue as a webhook server (`patchsmith serve`) uses it: it adds jobs and
 * never runs them (workers do), so `process` does nothing and no BullMQ worker
 * is ever started in it.
 */
export function producerOnly<T, A>(queue: ProducibleQueue<T, A>): ProducibleQueue<T, A> {
  return {
    add: (job) => queue.add(job),
    process: () => undefined,
    onIdle: () => queue.onIdle(),
    size: () => queue.size(),
    close: (options) => queue.close(options),
  };
}
