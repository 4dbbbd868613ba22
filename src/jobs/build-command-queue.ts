import type { CommandJob } from "./command-job.js";
import { createBullCommandQueue } from "./create-bull-command-queue.js";
import { countRunning } from "./count-running.js";
import { createCommandQueue, type CommandQueue } from "./create-command-queue.js";
import type { JobLog } from "../log/job-log.js";
import { producerOnly } from "./producer-only.js";
import type { QueueSettings } from "./read-queue-settings.js";
import type { JobCounts } from "../server/create-metrics.js";

/** A queue and, for /metrics, how many of its jobs wait and run (across instances on Redis). */
export interface CountedQueue<Q> {
  readonly queue: Q;
  readonly counts: JobCounts;
}

/** The BullMQ queue name of slash commands, shared by every instance and worker of one deployment. */
export const COMMAND_QUEUE_NAME = "patchsmith-commands";

/**
 * The slash-command queue for this process's role: on Redis when REDIS_URL is
 * set, where a `serve` instance only stores commands (they need the model, so
 * workers run them) and `worker` and `both` run them; otherwise in this
 * process's memory. Either way commands have their own lane, never behind reviews.
 */
export function buildCommandQueue(params: { readonly settings: QueueSettings; readonly concurrency: number; readonly log: JobLog; /** The BullMQ queue name (tests pass their own). */ readonly name?: string }): CountedQueue<CommandQueue<CommandJob>> {
  const { settings, log } = params;
  if (settings.redisUrl === undefined) return countRunning(createCommandQueue<CommandJob>({ concurrency: params.concurrency, log }));
  const bull = createBullCommandQueue<CommandJob>({
    redisUrl: settings.redisUrl,
    name: params.name ?? COMMAND_QUEUE_NAME,
    concurrency: params.concurrency,
    attempts: settings.attempts,
    lockDurationMs: settings.lockMs,
    log,
    // Run before (its worker died, a shutdown stopped it, it failed): first look for the reply it may have posted.
    resume: (job) => ({ ...job, resumed: true }),
  });
  return { queue: settings.role === "serve" ? producerOnly(bull) : bull, counts: () => bull.counts() };
}
