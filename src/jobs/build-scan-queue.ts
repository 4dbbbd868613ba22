import type { ScanJob } from "../scan/scan-job.js";
import type { CountedQueue } from "./build-command-queue.js";
import { countRunning } from "./count-running.js";
import { createBullQueue } from "./create-bull-queue.js";
import { createInProcessQueue } from "./create-in-process-queue.js";
import type { JobLog } from "../log/job-log.js";
import { waitingBound } from "./job-rules.js";
import { producerOnly } from "./producer-only.js";
import type { AnyQueue } from "./queue.js";
import type { QueueSettings } from "./read-queue-settings.js";

/** The BullMQ queue name of repository scans, shared by every instance and worker of one deployment. */
export const SCAN_QUEUE_NAME = "patchsmith-scans";

/**
 * The scan queue for this process's role, one scan at a time per process: on
 * Redis when REDIS_URL is set (a restart loses no scan; a `serve` instance
 * only stores scans, `worker` and `both` run them); otherwise in this
 * process's memory.
 */
export function buildScanQueue(params: { readonly settings: QueueSettings; readonly log: JobLog; /** The BullMQ queue name (tests pass their own). */ readonly name?: string }): CountedQueue<AnyQueue<ScanJob>> {
  const { settings, log } = params;
  if (settings.redisUrl === undefined) return countRunning(createInProcessQueue<ScanJob>({ concurrency: 1, ...waitingBound("scan", settings.maxWaiting), log }));
  const bull = createBullQueue<ScanJob>({ redisUrl: settings.redisUrl, name: params.name ?? SCAN_QUEUE_NAME, concurrency: 1, maxWaiting: settings.maxWaiting, attempts: settings.attempts, lockDurationMs: settings.lockMs, log });
  return { queue: settings.role === "serve" ? producerOnly(bull) : bull, counts: () => bull.counts() };
}
