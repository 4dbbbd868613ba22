import type { JobLog } from "./job-log.js";
import type { CloseOptions, JobHandler, QueuedJob } from "./queue.js";
import { QueueClosedError } from "./queue-closed-error.js";

/**
 * What `add` did with a command: queued it (nothing else of its key was
 * there), queued it behind the one of its key that is running or waiting,
 * refused it because its key already has as many waiting as allowed, or
 * ignored it because the same id is already queued or running.
 */
export type CommandAdmission = "queued" | "waiting" | "busy" | "duplicate";

/** A queue of slash commands: in this process's memory (`createCommandQueue`) or on Redis (`createBullCommandQueue`). */
export interface CommandQueue<T> {
  /** Enqueue; cheap, so a webhook handler can answer at once (on Redis it resolves once the command is stored). */
  add(job: QueuedJob<T>): CommandAdmission | Promise<CommandAdmission>;
  /** Set the handler; jobs added before this wait for it. */
  process(handler: JobHandler<T>): void;
  /** Resolves when nothing is pending or running. */
  onIdle(): Promise<void>;
  /** Jobs waiting plus jobs running (in this process). */
  size(): number;
  /** Stop taking jobs; running ones get `graceMs` where the queue supports it, then are aborted; resolves when they settled. */
  close(options?: CloseOptions): Promise<void>;
}

/** The in-process command queue answers at once. */
export interface InProcessCommandQueue<T> extends CommandQueue<T> {
  add(job: QueuedJob<T>): CommandAdmission;
}

interface Running<T> {
  readonly job: QueuedJob<T>;
  readonly controller: AbortController;
  readonly settled: Promise<void>;
}

/**
 * The queue of slash commands, held in this process's memory. Unlike the
 * review queue, a newer job never replaces an older one of the same key:
 * jobs of one key (one pull request) run one at a time in the order they came,
 * at most `maxWaitingPerKey` may wait behind the one running, and the rest are
 * refused ("busy") so the caller can say so. At most `concurrency` jobs run at once.
 * Commands do not wait behind reviews: they have this queue to themselves.
 * `close` lets running commands finish for `graceMs` (default 0), then aborts them.
 */
export function createCommandQueue<T>(params: { readonly concurrency?: number; readonly maxWaitingPerKey?: number; readonly log: JobLog }): InProcessCommandQueue<T> {
  const concurrency = Math.max(1, params.concurrency ?? 1);
  const maxWaiting = Math.max(0, params.maxWaitingPerKey ?? 1);
  const pending: QueuedJob<T>[] = [];
  const running = new Map<string, Running<T>>();
  let handler: JobHandler<T> | undefined;
  let idleWaiters: (() => void)[] = [];
  let closed = false;
  let pumpScheduled = false;

  const isIdle = (): boolean => pending.length === 0 && running.size === 0;

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
    for (let index = 0; index < pending.length && running.size < concurrency; ) {
      const job = pending[index];
      if (job === undefined || running.has(job.key)) {
        index++;
        continue;
      }
      pending.splice(index, 1);
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
    add(job): CommandAdmission {
      if (closed) throw new QueueClosedError(`The queue is closed; job ${job.id} was not added.`);
      const active = running.get(job.key);
      if (active?.job.id === job.id || pending.some((p) => p.id === job.id)) return "duplicate";
      const ahead = (active === undefined ? 0 : 1) + pending.filter((p) => p.key === job.key).length;
      if (ahead > maxWaiting) return "busy";
      pending.push(job);
      schedulePump();
      return ahead === 0 ? "queued" : "waiting";
    },
    process(next) {
      handler = next;
      schedulePump();
    },
    onIdle() {
      if (isIdle()) return Promise.resolve();
      return new Promise((resolve) => idleWaiters.push(resolve));
    },
    size: () => pending.length + running.size,
    async close(options: CloseOptions = {}) {
      closed = true;
      pending.length = 0;
      const entries = [...running.values()];
      const all = Promise.all(entries.map((entry) => entry.settled));
      const graceMs = options.graceMs ?? 0;
      if (graceMs > 0 && entries.length > 0) {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([all, new Promise<void>((resolve) => (timer = setTimeout(resolve, graceMs)))]);
        clearTimeout(timer);
      }
      for (const entry of entries) {
        if (!entry.controller.signal.aborted) entry.controller.abort(new QueueClosedError("The queue was closed while the job ran"));
      }
      await all;
      notifyIdle();
    },
  };
}
