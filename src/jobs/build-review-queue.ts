import type { JobCounts } from "../server/create-metrics.js";
import { createBullQueue } from "./create-bull-queue.js";
import { countRunning } from "./count-running.js";
import { createInProcessQueue } from "./create-in-process-queue.js";
import type { JobLog } from "../log/job-log.js";
import { waitingBound } from "./job-rules.js";
import { producerOnly } from "./producer-only.js";
import type { AnyQueue } from "./queue.js";
import type { QueueSettings } from "./read-queue-settings.js";
import type { ReviewJob } from "../github/review-job.js";

/** The BullMQ queue name every instance and worker of one deployment shares. */
export const REVIEW_QUEUE_NAME = "patchsmith-reviews";

export interface ReviewQueueParts {
  readonly queue: AnyQueue<ReviewJob>;
  /** True in in-process mode: the queue is memory, so each job must first go to the job journal (createApp's `journal`). */
  readonly needsJournal: boolean;
  /** For /metrics: waiting and running jobs. */
  readonly counts: JobCounts;
  /** For /healthz, when Redis is configured. */
  readonly pingRedis?: () => Promise<boolean>;
}

/**
 * The review queue for this process's role: on Redis (BullMQ) when REDIS_URL
 * is set, producing only for `serve` and running jobs for `worker` and `both`;
 * otherwise in this process's memory (the default, one process doing both),
 * with `concurrency` = the model's parallel sequences.
 */
export function buildReviewQueue(params: { readonly settings: QueueSettings; readonly concurrency: number; readonly log: JobLog; /** The BullMQ queue name (tests pass their own). */ readonly name?: string }): ReviewQueueParts {
  const { settings, log } = params;
  if (settings.redisUrl !== undefined) {
    const bull = createBullQueue<ReviewJob>({
      redisUrl: settings.redisUrl,
      name: params.name ?? REVIEW_QUEUE_NAME,
      concurrency: params.concurrency,
      maxWaiting: settings.maxWaiting,
      attempts: settings.attempts,
      lockDurationMs: settings.lockMs,
      log,
    });
    return { queue: settings.role === "serve" ? producerOnly(bull) : bull, needsJournal: false, counts: () => bull.counts(), pingRedis: () => bull.ping() };
  }
  const { queue, counts } = countRunning(createInProcessQueue<ReviewJob>({ concurrency: params.concurrency, ...waitingBound("review", settings.maxWaiting), log }));
  return { queue, needsJournal: true, counts };
}
