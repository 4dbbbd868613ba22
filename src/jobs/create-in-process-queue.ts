import type { JobLog } from "./job-log.js";
import type { AddOutcome, JobHandler, Queue, QueuedJob } from "./queue.js";
import { QueueClosedError } from "./queue-closed-error.js";
import { SupersededError } from "./superseded-error.js";

interface Running<T> {
  readonly job: QueuedJob<T>;
  readonly controller: AbortController;
  readonly settled: Promise<void>;
}

/**
 * A queue held in this process's memory: jobs run in the order added, at most
 * `concurrency` at once and never two of the same key at once. A restart loses
 * the pending jobs (the durable queue replaces this one when Redis is configured).
 */
export function createInProcessQueue<T>(params: { readonly concurrency?: number; readonly log: JobLog }): Queue<T> {
  const concurrency = Math.max(1, params.concurrency ?? 1);
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

  function notifyIdle(): void {
    if (!isIdle()) return;
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
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
    for (const job of pending.values()) {
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
      let outcome: AddOutcome = "queued";
      const waitingId = pendingIdByKey.get(job.key);
      if (waitingId !== undefined) {
        pending.delete(waitingId);
        outcome = "superseded";
        params.log.info({ jobId: waitingId, by: job.id }, `Dropped queued job ${waitingId}: superseded by ${job.id}`);
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
    async close() {
      closed = true;
      pending.clear();
      pendingIdByKey.clear();
      const entries = [...running.values()];
      for (const entry of entries) entry.controller.abort(new QueueClosedError("The queue was closed while the job ran"));
      await Promise.all(entries.map((entry) => entry.settled));
      notifyIdle();
    },
  };
}
