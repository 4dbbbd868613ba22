import { randomUUID } from "node:crypto";
import { DelayedError, WaitingError, Worker, type ConnectionOptions, type Job } from "bullmq";
import type { Redis } from "ioredis";
import type { KeyLock } from "./create-key-lock.js";
import { logRedisErrors, reportErrorsOncePerMinute } from "./log-redis-errors.js";
import type { JobLog } from "../log/job-log.js";
import { LockLostError } from "./lock-lost-error.js";
import type { JobHandler } from "./queue.js";
import { QueueClosedError } from "./queue-closed-error.js";
import { readStoredJob } from "./stored-job.js";
import { SupersededError } from "./superseded-error.js";
import { withinMs } from "../time/within-ms.js";
import { REDIS_ANSWER_MS, redisAnswers } from "./redis-answers.js";

/** A running BullMQ worker of one queue, as its queue sees it. */
export interface BullWorker {
  /** Jobs this process runs now. */
  active(): number;
  /** Take no new job; running ones get `graceMs`, then are aborted and put back in the queue; resolves when they settled. */
  close(graceMs: number): Promise<void>;
}

export interface BullWorkerOptions {
  readonly name: string;
  readonly connection: ConnectionOptions;
  /** For the supersede channel's subscriber connection (duplicated). */
  readonly redis: Redis;
  readonly lock: KeyLock;
  readonly concurrency: number;
  readonly lockDurationMs: number;
  readonly stalledIntervalMs: number;
  /** How long a job whose key is busy waits (delayed) before it tries again. */
  readonly busyDelayMs: number;
  /** Set: listen here for "stop job X, Y replaced it" (coalescing queues). */
  readonly supersedeChannel?: string;
  readonly log: JobLog;
}

/** The message on the supersede channel. */
/** The stored job's mark that a shutdown stopped it mid-run (BullMQ counts retries and stalls itself). */
const RAN_BEFORE = "ranBefore";

/** Whether a job ran before: retried after a failure, taken over after its worker stalled, or put back by a shutdown. */
function ranBefore(job: Job): boolean {
  const data: unknown = job.data;
  return job.attemptsMade > 0 || job.stalledCounter > 0 || (typeof data === "object" && data !== null && RAN_BEFORE in data && data[RAN_BEFORE] === true);
}

export interface SupersedeMessage {
  readonly jobId: string;
  readonly by: string;
}

function readSupersedeMessage(text: string): SupersedeMessage | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value === "object" && value !== null && "jobId" in value && "by" in value && typeof value.jobId === "string" && typeof value.by === "string") {
      return { jobId: value.jobId, by: value.by };
    }
  } catch {
    // Not ours: ignored below.
  }
  return undefined;
}

/**
 * The worker side of a patchsmith BullMQ queue. Each job:
 *  1. takes its key's lock (`KeyLock`); when another job of the key holds it
 *     (or goes first), the job goes back as delayed for `busyDelayMs`, without
 *     using up an attempt; a job a newer one superseded ends without running;
 *  2. runs, renewing the lock; a supersede message for it (or, should that
 *     message be lost, the renewal finding a newer job of the key), the
 *     shutdown, or a lost lock aborts its signal;
 *  3. frees the lock. Aborted by a newer job: done (no retry). Aborted by the
 *     shutdown: back to waiting, without using up an attempt. Thrown: retried
 *     with backoff while attempts last.
 */
/**
 * `resume`, when given, turns the data of a job that ran before (a retry, a
 * job taken over from a worker that died, or one a shutdown put back) into
 * what the handler should see, e.g. a command that first looks for the reply
 * it may have posted already.
 */
export function startBullWorker<T>(options: BullWorkerOptions, handler: JobHandler<T>, resume?: (data: T) => T): BullWorker {
  const { log, lock } = options;
  const controllers = new Map<string, AbortController>();
  let closed = false;
  const subscriber = options.supersedeChannel === undefined ? undefined : options.redis.duplicate();

  if (subscriber !== undefined && options.supersedeChannel !== undefined) {
    const channel = options.supersedeChannel;
    logRedisErrors(subscriber, log, `The ${options.name} worker's supersede subscription`);
    subscriber.on("message", (from: string, text: string) => {
      if (from !== channel) return;
      const message = readSupersedeMessage(text);
      const controller = message === undefined ? undefined : controllers.get(message.jobId);
      if (message === undefined || controller === undefined || controller.signal.aborted) return;
      log.info({ jobId: message.jobId, by: message.by }, `Stopping running job ${message.jobId}: superseded by ${message.by}`);
      controller.abort(new SupersededError(`Job ${message.jobId} was superseded by ${message.by}`));
    });
    subscriber.subscribe(channel).catch((error: unknown) => {
      log.error({ err: error, channel }, `Could not subscribe to ${channel}: a newer push will not stop a running job on this worker`);
    });
  }

  async function run(job: Job, token: string | undefined): Promise<void> {
    const jobId = job.id ?? "";
    if (closed) {
      // Handed over as the worker closes (BullMQ fetched it with the previous job's completion): back to the queue, not run.
      await job.moveToWait(token);
      throw new WaitingError();
    }
    const { key, data } = readStoredJob<T>(jobId, job.data);
    const hold = { key, jobId, owner: randomUUID() };
    // Registered before the lock is taken, so a supersede message sent meanwhile is not missed.
    const controller = new AbortController();
    controllers.set(jobId, controller);
    let verdict;
    try {
      verdict = await lock.acquire(hold);
    } catch (error) {
      controllers.delete(jobId);
      throw error;
    }
    if (verdict !== "ok") {
      controllers.delete(jobId);
      if (verdict === "superseded") {
        log.info({ jobId, key }, `Job ${jobId} was superseded by a newer job of ${key}; not run`);
        return;
      }
      log.debug({ jobId, key }, `Another job of ${key} is running; job ${jobId} waits ${String(options.busyDelayMs)} ms`);
      await job.moveToDelayed(Date.now() + options.busyDelayMs, token);
      throw new DelayedError();
    }

    const renewal = setInterval(() => {
      lock.renew(hold).then(
        (verdict) => {
          if (verdict === "held" || controller.signal.aborted) return;
          if (verdict === "lost") controller.abort(new LockLostError(`Job ${jobId} lost the lock of ${key} (its worker stalled); another worker may run ${key} now`));
          else {
            log.info({ jobId }, `Stopping running job ${jobId}: a newer job of ${key} is stored`);
            controller.abort(new SupersededError(`Job ${jobId} was superseded by a newer job of ${key}`));
          }
        },
        (error: unknown) => {
          log.warn({ err: error, jobId }, `Could not renew the lock of ${key}`);
        },
      );
    }, Math.max(50, Math.floor(options.lockDurationMs / 3)));
    let failure: { readonly error: unknown } | undefined;
    try {
      await handler(resume !== undefined && ranBefore(job) ? resume(data) : data, controller.signal);
    } catch (error) {
      failure = { error };
    } finally {
      clearInterval(renewal);
      controllers.delete(jobId);
    }
    const reason: unknown = controller.signal.aborted ? controller.signal.reason : undefined;
    const closing = reason instanceof QueueClosedError;
    try {
      await lock.release(hold, { turnOver: !closing && (failure === undefined || reason instanceof SupersededError) });
    } catch (error) {
      log.warn({ err: error, jobId }, `Could not free the lock of ${key}; it expires in ${String(options.lockDurationMs)} ms`);
    }
    if (closing) {
      // Stopped by a shutdown: back to the queue for another worker, without using up an attempt (marked as run before).
      if (resume !== undefined) await job.updateData({ ...(job.data as object), [RAN_BEFORE]: true }).catch(() => undefined);
      await job.moveToWait(token);
      log.info({ jobId }, `Job ${jobId} was stopped by the shutdown and put back in the queue`);
      throw new WaitingError();
    }
    if (reason instanceof SupersededError) return;
    if (failure !== undefined) throw failure.error instanceof Error ? failure.error : new Error(String(failure.error));
  }

  const worker = new Worker(options.name, (job, token) => run(job, token), {
    connection: options.connection,
    concurrency: options.concurrency,
    lockDuration: options.lockDurationMs,
    stalledInterval: options.stalledIntervalMs,
    maxStalledCount: 2,
  });
  worker.on("failed", (job, error) => {
    log.error({ err: error, jobId: job?.id, attempts: job?.attemptsMade }, `Job ${job?.id ?? "?"} failed (attempt ${String(job?.attemptsMade ?? 0)})`);
  });
  worker.on("stalled", (jobId) => {
    log.warn({ jobId }, `Job ${jobId} stalled (its worker stopped answering); another worker takes it`);
  });
  // BullMQ emits every failed reconnection while Redis is down: logged once per message per minute, like the connections' errors.
  reportErrorsOncePerMinute(worker, (error) => {
    log.error({ err: error }, `Queue worker error: ${error.message}`);
  });

  return {
    active: () => controllers.size,
    async close(graceMs) {
      closed = true;
      const stopping = worker.close();
      if (controllers.size > 0 && graceMs > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([stopping, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
        clearTimeout(timer);
      }
      for (const controller of controllers.values()) {
        if (!controller.signal.aborted) controller.abort(new QueueClosedError("The worker was stopped (the process is stopping) while the job ran"));
      }
      if (!(await settledUnlessRedisIsDown(stopping, options.redis))) {
        log.warn({ queue: options.name }, `The ${options.name} worker stopped waiting for Redis to close: Redis does not answer; a job it could not put back is taken over by another worker once its lock expires`);
      }
      if (subscriber !== undefined) {
        const quitting = subscriber.quit().catch(() => undefined);
        await withinMs(quitting, REDIS_ANSWER_MS, () => {
          subscriber.disconnect();
          return undefined;
        });
      }
    },
  };
}

/**
 * Waits for BullMQ's `worker.close()`, which waits for Redis to come back when
 * it is down (its blocking connection must reconnect first), and so would
 * hold the shutdown forever: every `REDIS_ANSWER_MS` that it has not settled, Redis
 * is asked for a PING, and once that goes unanswered the wait ends (false).
 */
async function settledUnlessRedisIsDown(closing: Promise<void>, redis: Redis): Promise<boolean> {
  const settled = closing.then(() => true);
  for (;;) {
    if (await withinMs(settled, REDIS_ANSWER_MS, () => false)) return true;
    if (!(await redisAnswers(redis))) return false;
  }
}
