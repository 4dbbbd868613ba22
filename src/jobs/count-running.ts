import type { JobCounts } from "../server/create-metrics.js";
import type { ProducibleQueue } from "./producer-only.js";
import type { JobHandler } from "./queue.js";

/**
 * An in-process queue that also says how many of its jobs wait and how many
 * run (for /metrics): its `size()` counts both, so the handler is wrapped to
 * count the running ones.
 */
export function countRunning<T, A, Q extends ProducibleQueue<T, A>>(inner: Q): { readonly queue: Q; readonly counts: JobCounts } {
  let active = 0;
  const queue: Q = {
    ...inner,
    process: (handler: JobHandler<T>) => {
      inner.process(async (job, signal) => {
        active++;
        try {
          await handler(job, signal);
        } finally {
          active--;
        }
      });
    },
  };
  return { queue, counts: () => ({ waiting: inner.size() - active, active }) };
}
