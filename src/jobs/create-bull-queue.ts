import { Queue as BullQueue, WaitingError, Worker, type Job } from "bullmq";
import { Redis } from "ioredis";
import type { JobLog } from "./job-log.js";
import { JOB_PRIORITY, type AddOutcome, type CloseOptions, type JobHandler, type Queue } from "./queue.js";
import { QueueClosedError } from "./queue-closed-error.js";
import { queueFullMessage } from "./queue-full-message.js";

/** Job counts across every instance, read from Redis (for /metrics and tests). */
export interface BullQueueCounts {
  readonly waiting: number;
  readonly active: number;
  readonly delayed: number;
  readonly failed: number;
}

/** The BullMQ queue, plus what only a shared queue can say. */
export interface BullJobQueue<T> extends Queue<T, Promise<AddOutcome>> {
  counts(): Promise<BullQueueCounts>;
  /** True when Redis answers PING. */
  ping(): Promise<boolean>;
}

export interface BullQueueOptions {
  /** redis://[user:password@]host:port[/db] */
  readonly redisUrl: string;
  /** The queue's name; instances and workers that share it share the jobs. */
  readonly name: string;
  /** Jobs this process runs at once once `process` is called. */
  readonly concurrency?: number;
  /** Most jobs waiting (all instances together); beyond that `add` answers "full". */
  readonly maxWaiting?: number;
  /** Tries per job (a thrown error is retried with exponential backoff). */
  readonly attempts?: number;
  readonly backoffMs?: number;
  /** A worker that stops renewing its lock this long (crash, kill) loses the job to another worker. */
  readonly lockDurationMs?: number;
  /** How often workers look for jobs whose lock expired. */
  readonly stalledIntervalMs?: number;
  readonly log: JobLog;
}

/** BullMQ refuses ids with ":" (its key separator); ours have them (`owner/repo#pr@sha:kind`). */
const toBullId = (id: string): string => id.replaceAll(":", "|");

/**
 * The durable queue, on Redis through BullMQ, for several webhook servers and
 * workers: a job is stored before `add` resolves (so before the webhook is
 * answered); its id is the dedupe key (`jobId`: the same id twice is one job);
 * per pull request key a newer job removes the waiting older one; commands go
 * before reviews before scans (`priority`); a job that throws is retried with
 * exponential backoff; a job whose worker died is taken over by another once
 * its lock expires (stalled-job recovery). `close` lets running jobs finish
 * for the grace period, then aborts them and puts them back in the queue.
 * Unlike the in-process queue, two workers may run jobs of one pull request at
 * once; the review job itself stops when the head moves on.
 */
export function createBullQueue<T extends object>(options: BullQueueOptions): BullJobQueue<T> {
  const { log, name } = options;
  const connection = { url: options.redisUrl, maxRetriesPerRequest: null };
  const bull = new BullQueue(name, { connection });
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const maxWaiting = Math.max(1, options.maxWaiting ?? Number.MAX_SAFE_INTEGER);
  const waitingKey = (key: string): string => `patchsmith:${name}:waiting:${key}`;
  const active = new Map<string, AbortController>();
  let worker: Worker | undefined;
  let closed = false;

  async function waitingCount(): Promise<number> {
    const counts = await bull.getJobCounts("wait", "prioritized", "delayed");
    return Object.values(counts).reduce((sum, n) => sum + n, 0);
  }

  async function runJob(handler: JobHandler<T>, job: Job, token: string | undefined): Promise<void> {
    const controller = new AbortController();
    const id = job.id ?? "";
    active.set(id, controller);
    try {
      await handler(job.data as T, controller.signal);
    } finally {
      active.delete(id);
    }
    if (controller.signal.aborted && controller.signal.reason instanceof QueueClosedError) {
      // Stopped by a shutdown: back to the queue for another worker, without using up an attempt.
      await job.moveToWait(token);
      log.info({ jobId: id }, `Job ${id} was stopped by the shutdown and put back in the queue`);
      throw new WaitingError();
    }
  }

  return {
    async add(queued) {
      if (closed) throw new QueueClosedError(`The queue is closed; job ${queued.id} was not added.`);
      const jobId = toBullId(queued.id);
      const existing = await bull.getJobState(jobId);
      if (existing === "waiting" || existing === "prioritized" || existing === "active" || existing === "delayed" || existing === "waiting-children") {
        log.debug({ jobId: queued.id }, `Job ${queued.id} is already queued or running; ignored`);
        return "duplicate";
      }
      // A finished job of the same id (failed for good, or kept) makes room for the new one.
      if (existing === "completed" || existing === "failed") await bull.remove(jobId);
      const waiting = await waitingCount();
      if (waiting >= maxWaiting) {
        log.warn({ jobId: queued.id, waiting, bound: maxWaiting }, queueFullMessage({ jobId: queued.id, waiting, bound: maxWaiting }));
        return "full";
      }
      const kind = queued.kind ?? "review";
      await bull.add(kind, queued.data, {
        jobId,
        priority: JOB_PRIORITY[kind],
        attempts: options.attempts ?? 3,
        backoff: { type: "exponential", delay: options.backoffMs ?? 5_000 },
        removeOnComplete: { count: 1000 },
        removeOnFail: { count: 1000 },
      });
      // Coalescing: the job that waited for this key before is replaced (a running one is locked and stays).
      const previous = await redis.set(waitingKey(queued.key), jobId, "EX", 24 * 60 * 60, "GET");
      if (previous !== null && previous !== jobId && (await bull.getJobState(previous)) !== "active" && (await bull.remove(previous)) === 1) {
        log.info({ jobId: previous, by: queued.id }, `Dropped queued job ${previous}: superseded by ${queued.id}`);
        return "superseded";
      }
      return "queued";
    },
    process(handler) {
      if (worker !== undefined) throw new Error("process() was already called on this queue");
      worker = new Worker(name, (job, token) => runJob(handler, job, token), {
        connection,
        concurrency: Math.max(1, options.concurrency ?? 1),
        lockDuration: options.lockDurationMs ?? 120_000,
        stalledInterval: options.stalledIntervalMs ?? 30_000,
        maxStalledCount: 2,
      });
      worker.on("failed", (job, error) => {
        log.error({ err: error, jobId: job?.id, attempts: job?.attemptsMade }, `Job ${job?.id ?? "?"} failed (attempt ${String(job?.attemptsMade ?? 0)})`);
      });
      worker.on("stalled", (jobId) => {
        log.warn({ jobId }, `Job ${jobId} stalled (its worker stopped answering); another worker takes it`);
      });
      worker.on("error", (error) => {
        log.error({ err: error }, `Queue worker error: ${error.message}`);
      });
    },
    async onIdle() {
      // Across every instance: nothing waiting, delayed or running.
      for (;;) {
        const counts = await bull.getJobCounts("wait", "prioritized", "delayed", "active");
        if (Object.values(counts).every((n) => n === 0)) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    size: () => active.size,
    async counts() {
      const c = await bull.getJobCounts("wait", "prioritized", "active", "delayed", "failed");
      return { waiting: (c.wait ?? 0) + (c.prioritized ?? 0), active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0 };
    },
    async ping() {
      try {
        await redis.ping();
        return true;
      } catch {
        return false;
      }
    },
    async close(closeOptions: CloseOptions = {}) {
      closed = true;
      if (worker !== undefined) {
        const stopping = worker.close();
        const graceMs = closeOptions.graceMs ?? 0;
        if (active.size > 0 && graceMs > 0) {
          let timer: NodeJS.Timeout | undefined;
          await Promise.race([stopping, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
          clearTimeout(timer);
        }
        for (const controller of active.values()) controller.abort(new QueueClosedError("The worker was stopped (the process is stopping) while the job ran"));
        await stopping;
      }
      await bull.close();
      await redis.quit();
    },
  };
}
