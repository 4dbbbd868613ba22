/** A job as the queue sees it: `key` groups jobs (a newer one supersedes), `id` identifies duplicates. */
export interface QueuedJob<T> {
  readonly id: string;
  readonly key: string;
  readonly data: T;
}

/**
 * What `add` did: queued it; ignored it because the same id is already
 * pending or running; or queued it and superseded an older job of the same key
 * (dropped if pending, aborted if running).
 */
export type AddOutcome = "queued" | "duplicate" | "superseded";

/** Runs one job; must stop soon after `signal` aborts (the reason says why). */
export type JobHandler<T> = (data: T, signal: AbortSignal) => Promise<void>;

export interface Queue<T> {
  /** Enqueue; synchronous and cheap, so a webhook handler can answer at once. */
  add(job: QueuedJob<T>): AddOutcome;
  /** Set the handler; jobs added before this wait for it. */
  process(handler: JobHandler<T>): void;
  /** Resolves when nothing is pending or running. */
  onIdle(): Promise<void>;
  /** Jobs waiting plus jobs running. */
  size(): number;
  /** Stop taking jobs, abort the running ones and wait for them to settle. */
  close(): Promise<void>;
}
