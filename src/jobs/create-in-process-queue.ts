import type { JobLog } from "./job-log.js";
import { JOB_PRIORITY, type AddOutcome, type CloseOptions, type JobHandler, type Queue, type QueuedJob } from "./queue.js";
import { QueueClosedError } from "./queue-closed-error.js";
import { queueFullMessage } from "./queue-full-message.js";
import { SupersededError } from "./superseded-error.js";

interface Running<T> {
  readonly job: QueuedJob<T>;
  readonly controller: AbortController;
  readonly settled: Promise<void>;
}

/** Why a waiting job left the queue without running. */
export type DropReason = "superseded" | "closed";

/**
 * A queue held in this process's memory: at most `concurrency` jobs run at
 * once (the model's parallel sequences) and never two of the same key at once;
 * of the waiting ones, the lowest `JOB_PRIORITY` runs first, then the oldest.
 * At most `maxWaiting` jobs wait; beyond that `add` answers "full" (a job that
 * replaces a waiting one of its key always fits). A restart loses the waiting
 * jobs: in-process mode writes each review to the job journal first (see
 * journalReviewQueue), which is queued again on start; `onDrop` hears of
 * jobs that leave without running.
 */
export function createInProcessQueue<T>(params: {
  readonly concurrency?: number;
  readonly maxWaiting?: number;
  readonly log: JobLog;
  readonly onDrop?: (job: QueuedJob<T>, reason: DropReason) => void;
}): Queue<T> {
  const concurrency = Math.max(1, params.concurrency ?? 1);
  const maxWaiting = Math.max(1, params.maxWaiting ?? Number.MAX_SAFE_INTEGER);
  // Waiting jobs by id, in the order added; at most one per key (a newer one supersedes).
  const pending = new Map<string, QueuedJob<T>>();
  const pendingIdByKey = new Map<string, string>();
  // Running jobs by key: never two of the same key at once.
  const running = new Map<string, Running<T>>();
  let handler: JobHandler<T> | undefined;
  let idleWaiters: (() => void)[] = [];
  let closed = false;
  let pumpScheduled = false;

  const isIdle = (): boolean => pending.size === 0 && running.size === 0;
  const priority = (job: QueuedJob<T>): number => JOB_PRIORITY[job.kind ?? "review"];

  function notifyIdle(): void {
    if (!isIdle()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  function drop(job: QueuedJob<T>, reason: DropReason): void {
    try {
      params.onDrop?.(job, reason);
    } catch (error) {
      params.log.warn({ err: error, jobId: job.id }, `Could not note that job ${job.id} was dropped`);
    }
  }

  function schedulePump(): void {
    if (pumpScheduled) return;
    pumpScheduled = true;
    // Start jobs on a later turn, so `add` returns (and the webhook is answered) first.
    setImmediate(() => {
      pumpScheduled = false;
      pump();
    });
  }

  function pump(): void {
    if (handler === undefined || closed) return;
    // Stable sort: by priority, then in the order added.
    const ready = [...pending.values()].sort((a, b) => priority(a) - priority(b));
    for (const job of ready) {
      if (running.size >= concurrency) break;
      if (running.has(job.key)) continue;
      pending.delete(job.id);
      pendingIdByKey.delete(job.key);
      start(job, handler);
    }
    notifyIdle();
  }

  function start(job: QueuedJob<T>, run: JobHandler<T>): void {
    const controller = new AbortController();
    const settled = (async () => {
      try {
        await run(job.data, controller.signal);
      } catch (error) {
        params.log.error({ err: error, jobId: job.id }, `Job ${job.id} failed`);
      } finally {
        running.delete(job.key);
        schedulePump();
        notifyIdle();
      }
    })();
    running.set(job.key, { job, controller, settled });
  }

  return {
    add(job): AddOutcome {
      if (closed) throw new QueueClosedError(`The queue is closed; job ${job.id} was not added.`);
      const active = running.get(job.key);
      if (pending.has(job.id) || active?.job.id === job.id) {
        params.log.debug({ jobId: job.id }, `Job ${job.id} is already queued or running; ignored`);
        return "duplicate";
      }
      const waitingId = pendingIdByKey.get(job.key);
      if (waitingId === undefined && pending.size >= maxWaiting) {
        params.log.warn({ jobId: job.id, waiting: pending.size, bound: maxWaiting }, queueFullMessage({ jobId: job.id, waiting: pending.size, bound: maxWaiting }));
        return "full";
      }
      let outcome: AddOutcome = "queued";
      if (waitingId !== undefined) {
        const waiting = pending.get(waitingId);
        pending.delete(waitingId);
        outcome = "superseded";
        params.log.info({ jobId: waitingId, by: job.id }, `Dropped queued job ${waitingId}: superseded by ${job.id}`);
        if (waiting !== undefined) drop(waiting, "superseded");
      }
      if (active !== undefined && !active.controller.signal.aborted) {
        active.controller.abort(new SupersededError(`Job ${active.job.id} was superseded by ${job.id}`));
        outcome = "superseded";
        params.log.info({ jobId: active.job.id, by: job.id }, `Stopping running job ${active.job.id}: superseded by ${job.id}`);
      }
      pending.set(job.id, job);
      pendingIdByKey.set(job.key, job.id);
      schedulePump();
      return outcome;
    },
    process(next) {
      handler = next;
      schedulePump();
    },
    onIdle() {
      if (isIdle()) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    size: () => pending.size + running.size,
    async close(options: CloseOptions = {}) {
      closed = true;
      const waiting = [...pending.values()];
      pending.clear();
      pendingIdByKey.clear();
      for (const job of waiting) drop(job, "closed");
      const entries = [...running.values()];
      const all = Promise.all(entries.map((entry) => entry.settled));
      const graceMs = options.graceMs ?? 0;
      if (graceMs > 0 && entries.length > 0) {
        let timer: NodeJS.Timeout | undefined;
        const graceOver = new Promise<void>((resolve) => {
          timer = setTimeout(resolve, graceMs);
        });
        await Promise.race([all, graceOver]);
        clearTimeout(timer);
      }
      for (const entry of entries) {
        if (!entry.controller.signal.aborted) entry.controller.abort(new QueueClosedError("The queue was closed (the process is stopping) while the job ran"));
      }
      await all;
      notifyIdle();
    },
  };
}
