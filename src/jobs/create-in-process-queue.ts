import { createMemoryQueue, type DropReason } from "./create-memory-queue.js";
import type { JobLog } from "../log/job-log.js";
import { JOB_RULES } from "./job-rules.js";
import type { Queue, QueuedJob } from "./queue.js";

export type { DropReason } from "./create-memory-queue.js";

/**
 * The in-memory queue of reviews (and of scans): a newer job of a key replaces
 * the older one (JOB_RULES.review), at most `concurrency` jobs run at once (the
 * model's parallel sequences), commands before reviews before scans. At most
 * `maxWaiting` jobs wait; beyond that `add` answers "full". A restart loses the
 * waiting jobs: in-process mode writes each review to the job journal first
 * (see journalReviewQueue), which is queued again on start; `onDrop` hears of
 * jobs that leave without running.
 */
export function createInProcessQueue<T>(params: {
  readonly concurrency?: number;
  readonly maxWaiting?: number;
  readonly log: JobLog;
  readonly onDrop?: (job: QueuedJob<T>, reason: DropReason) => void;
}): Queue<T> {
  return createMemoryQueue<T, typeof JOB_RULES.review.sameKey>({ ...params, sameKey: JOB_RULES.review.sameKey });
}
