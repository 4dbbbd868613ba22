import { Queue as BullQueue, type JobsOptions } from "bullmq";
import { Redis } from "ioredis";
import { logRedisErrors } from "./log-redis-errors.js";
import { createKeyLock, type KeyLock, type KeyOrder } from "./create-key-lock.js";
import type { JobLog } from "../log/job-log.js";
import type { CloseOptions, JobHandler } from "./queue.js";
import { QueueClosedError } from "./queue-closed-error.js";
import { queueRedisKeys, type QueueRedisKeys } from "./queue-redis-keys.js";
import { withinMs } from "../time/within-ms.js";
import { REDIS_ANSWER_MS, redisAnswers } from "./redis-answers.js";
import { startBullWorker, type BullWorker } from "./start-bull-worker.js";

/** What every patchsmith queue on Redis is configured with. */
export interface BullQueueBaseOptions {
  /** redis://[user:password@]host:port[/db] */
  readonly redisUrl: string;
  /** The queue's name; instances and workers that share it share the jobs. */
  readonly name: string;
  /** Jobs this process runs at once once `process` is called. */
  readonly concurrency?: number;
  /** Tries per job (a thrown error is retried with exponential backoff). */
  readonly attempts?: number;
  readonly backoffMs?: number;
  /** A worker that stops renewing its locks this long (crash, kill) loses the job, and its key, to another worker. */
  readonly lockDurationMs?: number;
  /** How often workers look for jobs whose lock expired. */
  readonly stalledIntervalMs?: number;
  /** How long a job whose pull request has another job running waits before it tries again (default 1 s). */
  readonly busyDelayMs?: number;
  readonly log: JobLog;
}

/** Job counts across every instance, read from Redis (for /metrics and tests). */
export interface BullQueueCounts {
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly failed: number;
}

/** The queue methods that do not depend on how jobs are admitted. */
export interface BullQueueLifecycle<T> {
  /** `resume`: what a job that ran before (retried, taken over, put back by a shutdown) gives the handler. */
  process(handler: JobHandler<T>, resume?: (data: T) => T): void;
  /** Across every instance: nothing waiting, delayed or running. */
  onIdle(): Promise<void>;
  /** Jobs this process runs now. */
  size(): number;
  counts(): Promise<BullQueueCounts>;
  /** True when Redis answers PING. */
  ping(): Promise<boolean>;
  close(options?: CloseOptions): Promise<void>;
}

/** One queue's BullMQ queue and Redis connection, and what its `add` needs beside them. */
export interface OpenBullQueue<T> {
  readonly bull: BullQueue;
  /** patchsmith's own connection: admission scripts, the key lock, PING. */
  readonly redis: Redis;
  readonly keys: QueueRedisKeys;
  readonly lock: KeyLock;
  /** BullMQ's options for every stored job: retries with exponential backoff, the last 1000 finished kept. */
  readonly jobOptions: JobsOptions;
  /** Throws QueueClosedError once `close` was called. */
  readonly refuseIfClosed: (jobId: string) => void;
  readonly lifecycle: BullQueueLifecycle<T>;
}

/**
 * Opens a patchsmith queue on Redis: the BullMQ queue, a connection of its own,
 * the per-key lock (`order`: "coalesce" also listens for requests to stop a
 * superseded job), and the methods the review, scan and command queues share:
 * `process` starts this process's worker, `close` lets running jobs finish for
 * the grace period, then aborts them and puts them back in the queue.
 */
export function openBullQueue<T>(options: BullQueueBaseOptions, order: KeyOrder): OpenBullQueue<T> {
  const { log, name } = options;
  const connection = { url: options.redisUrl, maxRetriesPerRequest: null };
  const bull = new BullQueue(name, { connection });
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  logRedisErrors(bull, log, `The ${name} queue`);
  logRedisErrors(redis, log, `The ${name} queue's admission and locks`);
  const keys = queueRedisKeys({ name, jobPrefix: bull.toKey("") });
  const lockDurationMs = options.lockDurationMs ?? 30_000;
  const lock = createKeyLock({ redis, keys, order, lockMs: lockDurationMs });
  let worker: BullWorker | undefined;
  let closed = false;

  return {
    bull,
    redis,
    keys,
    lock,
    jobOptions: {
      attempts: options.attempts ?? 3,
      backoff: { type: "exponential", delay: options.backoffMs ?? 5_000 },
      removeOnComplete: { count: 1000 },
      removeOnFail: { count: 1000 },
    },
    refuseIfClosed: (jobId) => {
      if (closed) throw new QueueClosedError(`The queue is closed; job ${jobId} was not added.`);
    },
    lifecycle: {
      process(handler, resume) {
        if (worker !== undefined) throw new Error("process() was already called on this queue");
        if (closed) throw new QueueClosedError("The queue is closed; it runs no more jobs.");
        worker = startBullWorker<T>(
          {
            name,
            connection,
            redis,
            lock,
            concurrency: Math.max(1, options.concurrency ?? 1),
            lockDurationMs,
            stalledIntervalMs: options.stalledIntervalMs ?? 30_000,
            busyDelayMs: options.busyDelayMs ?? 1_000,
            ...(order === "coalesce" ? { supersedeChannel: keys.supersede } : {}),
            log,
          },
          handler,
          resume,
        );
      },
      async onIdle() {
        for (;;) {
          const counts = await bull.getJobCounts("wait", "prioritized", "delayed", "active");
          if (Object.values(counts).every((n) => n === 0)) return;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      },
      size: () => worker?.active() ?? 0,
      async counts() {
        if (redis.status !== "ready") throw new Error(`Redis is not connected (${redis.status}): the ${name} queue's counts cannot be read`);
        const c = await withinMs(bull.getJobCounts("wait", "prioritized", "active", "delayed", "failed"), REDIS_ANSWER_MS, () => {
          throw new Error(`Redis did not answer the ${name} queue's counts within ${String(REDIS_ANSWER_MS)} ms`);
        });
        return { waiting: (c.wait ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0 };
      },
      ping: () => redisAnswers(redis),
      async close(closeOptions: CloseOptions = {}) {
        closed = true;
        await worker?.close(closeOptions.graceMs ?? 0);
        // With Redis down, QUIT would wait for a reconnection that may never come: then just drop the connections.
        const quit = async (): Promise<void> => {
          await bull.close();
          await redis.quit();
        };
        const quitting = quit();
        quitting.catch(() => undefined); // a failure after the time limit has nobody left to tell
        await withinMs(quitting, REDIS_ANSWER_MS, () => {
          void bull.disconnect();
          redis.disconnect();
        });
      },
    },
  };
}
