import type { JobLog } from "../log/job-log.js";
import { JOB_RULES, type SameKeyRule } from "./job-rules.js";
import type { ProducibleQueue } from "./producer-only.js";
import type { CloseOptions, JobHandler, QueuedJob } from "./queue.js";
import { QueueClosedError } from "./queue-closed-error.js";
import { queueFullMessage } from "./queue-full-message.js";
import { SupersededError } from "./superseded-error.js";

/**
 * What `add` did. Under "replace": queued it; queued it and superseded an
 * older job of its key (dropped if waiting, aborted if running); ignored it
 * because the same id is waiting or running; or refused it because as many
 * jobs wait as the bound allows ("full"). Under "line-up": queued it (nothing
 * of its key ahead) or behind the one of its key ("waiting"); ignored it as a
 * duplicate; or refused it because its key has as many waiting as allowed ("busy").
 */
export type Admission<R extends SameKeyRule> = R extends { readonly coalesce: "replace" } ? "queued" | "superseded" | "duplicate" | "full" : "queued" | "waiting" | "duplicate" | "busy";

/** Why a waiting job left the queue without running. */
export type DropReason = "superseded" | "closed";

/** A queue held in this process's memory (see createMemoryQueue); `add` answers at once. */
export type MemoryQueue<T, A> = ProducibleQueue<T, A>;

interface Running<T> {
  readonly job: QueuedJob<T>;
  readonly controller: AbortController;
  readonly settled: Promise<void>;
}

/**
 * The one in-memory queue of reviews, commands and scans; what differs between
 * them is data (see JOB_RULES). At most `concurrency` jobs run at once and never
 * two of the same key; of the waiting ones the lowest priority of their kind
 * runs first, then the oldest. `sameKey` says what a job does to the ones of its
 * key ahead of it. Under "replace", at most `maxWaiting` jobs wait ("full"
 * beyond; a job that replaces a waiting one always fits). `onDrop` hears of jobs that leave
 * without running. `close` lets running jobs finish for `graceMs` (default 0),
 * then aborts them with QueueClosedError. A restart loses the waiting jobs.
 */
export function createMemoryQueue<T, R extends SameKeyRule>(params: {
  readonly sameKey: R;
  readonly concurrency?: number;
  readonly maxWaiting?: number;
  readonly log: JobLog;
  readonly onDrop?: (job: QueuedJob<T>, reason: DropReason) => void;
}): MemoryQueue<T, Admission<R>> {
  const sameKey: SameKeyRule = params.sameKey;
  const { log } = params;
  const concurrency = Math.max(1, params.concurrency ?? 1);
  const maxWaiting = Math.max(1, params.maxWaiting ?? Number.MAX_SAFE_INTEGER);
  // Waiting jobs by id, in the order added.
  const pending = new Map<string, QueuedJob<T>>();
  // Ids of the waiting jobs of each key, oldest first ("replace" keeps at most one).
  const pendingIdsByKey = new Map<string, string[]>();
  // Running jobs by key: never two of the same key at once.
  const running = new Map<string, Running<T>>();
  let handler: JobHandler<T> | undefined;
  let idleWaiters: (() => void)[] = [];
  let closed = false;
  let pumpScheduled = false;

  const isIdle = (): boolean => pending.size === 0 && running.size === 0;
  const priority = (job: QueuedJob<T>): number => JOB_RULES[job.kind ?? "review"].priority;

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
      log.warn({ err: error, jobId: job.id }, `Could not note that job ${job.id} was dropped`);
    }
  }

  function unqueue(job: QueuedJob<T>): void {
    pending.delete(job.id);
    const ids = (pendingIdsByKey.get(job.key) ?? []).filter((id) => id !== job.id);
    if (ids.length === 0) pendingIdsByKey.delete(job.key);
    else pendingIdsByKey.set(job.key, ids);
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
      unqueue(job);
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
        log.error({ err: error, jobId: job.id }, `Job ${job.id} failed`);
      } finally {
        running.delete(job.key);
        schedulePump();
        notifyIdle();
      }
    })();
    running.set(job.key, { job, controller, settled });
  }

  function enqueue(job: QueuedJob<T>): void {
    pending.set(job.id, job);
    pendingIdsByKey.set(job.key, [...(pendingIdsByKey.get(job.key) ?? []), job.id]);
    schedulePump();
  }

  /** "replace": the job takes the place of the waiting one of its key and stops the running one. */
  function addReplacing(job: QueuedJob<T>, active: Running<T> | undefined): Admission<{ coalesce: "replace" }> {
    const waitingIds = pendingIdsByKey.get(job.key) ?? [];
    if (waitingIds.length === 0 && pending.size >= maxWaiting) {
      log.warn({ jobId: job.id, waiting: pending.size, bound: maxWaiting }, queueFullMessage({ jobId: job.id, waiting: pending.size, bound: maxWaiting }));
      return "full";
    }
    let outcome: Admission<{ coalesce: "replace" }> = "queued";
    for (const waitingId of waitingIds) {
      const waiting = pending.get(waitingId);
      if (waiting === undefined) continue;
      unqueue(waiting);
      outcome = "superseded";
      log.info({ jobId: waitingId, by: job.id }, `Dropped queued job ${waitingId}: superseded by ${job.id}`);
      drop(waiting, "superseded");
    }
    if (active !== undefined && !active.controller.signal.aborted) {
      active.controller.abort(new SupersededError(`Job ${active.job.id} was superseded by ${job.id}`));
      outcome = "superseded";
      log.info({ jobId: active.job.id, by: job.id }, `Stopping running job ${active.job.id}: superseded by ${job.id}`);
    }
    enqueue(job);
    return outcome;
  }

  /** "line-up": the job waits behind the ones of its key, if there is room. */
  function addInLine(job: QueuedJob<T>, active: Running<T> | undefined, maxWaitingPerKey: number): Admission<{ coalesce: "line-up"; maxWaitingPerKey: number }> {
    const ahead = (active === undefined ? 0 : 1) + (pendingIdsByKey.get(job.key)?.length ?? 0);
    if (ahead > Math.max(0, maxWaitingPerKey)) return "busy";
    enqueue(job);
    return ahead === 0 ? "queued" : "waiting";
  }

  return {
    add(job) {
      if (closed) throw new QueueClosedError(`The queue is closed; job ${job.id} was not added.`);
      const active = running.get(job.key);
      if (pending.has(job.id) || active?.job.id === job.id) {
        log.debug({ jobId: job.id }, `Job ${job.id} is already queued or running; ignored`);
        return "duplicate";
      }
      const outcome = sameKey.coalesce === "replace" ? addReplacing(job, active) : addInLine(job, active, sameKey.maxWaitingPerKey);
      // The outcomes of the rule this queue was made with (see Admission).
      return outcome as Admission<R>;
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
      pendingIdsByKey.clear();
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
