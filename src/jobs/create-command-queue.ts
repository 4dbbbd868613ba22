import { createMemoryQueue } from "./create-memory-queue.js";
import type { JobLog } from "../log/job-log.js";
import { JOB_RULES } from "./job-rules.js";
import type { CloseOptions, JobHandler, QueuedJob } from "./queue.js";

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

/**
 * The queue of slash commands, held in this process's memory (JOB_RULES.command).
 * Unlike the review queue, a newer job never replaces an older one of the same
 * key: jobs of one key (one pull request) run one at a time in the order they
 * came, at most `maxWaitingPerKey` may wait behind the one running, and the
 * rest are refused ("busy") so the caller can say so. At most `concurrency`
 * jobs run at once. Commands do not wait behind reviews: they have this queue
 * to themselves. `close` lets running commands finish for `graceMs` (default 0), then aborts them.
 */
export function createCommandQueue<T>(params: { readonly concurrency?: number; readonly maxWaitingPerKey?: number; readonly log: JobLog }): InProcessCommandQueue<T> {
  const sameKey = { coalesce: "line-up", maxWaitingPerKey: params.maxWaitingPerKey ?? JOB_RULES.command.sameKey.maxWaitingPerKey } as const;
  return createMemoryQueue<T, typeof sameKey>({ sameKey, ...(params.concurrency === undefined ? {} : { concurrency: params.concurrency }), log: params.log });
}
