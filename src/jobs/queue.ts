/** What a job is: a review of a pull request head, a slash command, or a repository scan. */
export type JobKind = "review" | "command" | "scan";

/**
 * Which kind runs first when several wait (lower first, as BullMQ counts):
 * a person waiting on a command, then automatic reviews, then scans.
 */
export const JOB_PRIORITY: Readonly<Record<JobKind, number>> = { command: 1, review: 2, scan: 3 };

/**
 * A job as the queue sees it: `key` groups jobs (one pull request: at most one
 * runs and one waits, a newer one replaces the waiting one), `id` identifies
 * duplicates (see `dedupeKey`), `kind` sets the priority (default "review").
 */
export interface QueuedJob<T> {
  readonly id: string;
  readonly key: string;
  readonly data: T;
  readonly kind?: JobKind;
}

/**
 * What `add` did: queued it; ignored it because the same id is already
 * pending or running; queued it and superseded an older job of the same key
 * (dropped if pending, aborted if running); or refused it because as many
 * jobs wait as the queue's bound allows (the queue logs why, with the setting to raise).
 */
export type AddOutcome = "queued" | "duplicate" | "superseded" | "full";

/** Runs one job; must stop soon after `signal` aborts (the reason says why). */
export type JobHandler<T> = (data: T, signal: AbortSignal) => Promise<void>;

/** How `close` treats running jobs: let them finish for up to `graceMs`, then abort (and requeue where the queue is durable). */
export interface CloseOptions {
  readonly graceMs?: number;
}

/**
 * A job queue. `A` is what `add` returns: the outcome itself for the
 * in-process queue, a promise of it for a queue that must first write to Redis.
 */
export interface Queue<T, A extends AddOutcome | Promise<AddOutcome> = AddOutcome> {
  /** Enqueue; cheap, so a webhook handler can answer at once (a durable queue resolves once the job is stored). */
  add(job: QueuedJob<T>): A;
  /** Set the handler; jobs added before this wait for it. */
  process(handler: JobHandler<T>): void;
  /** Resolves when nothing is pending or running (in this process). */
  onIdle(): Promise<void>;
  /** Jobs waiting plus jobs running (in this process). */
  size(): number;
  /** Stop taking jobs; running ones get `graceMs` (default 0) to finish, then are aborted; resolves when they settled. */
  close(options?: CloseOptions): Promise<void>;
}

/** Any queue: in-process or durable. Callers `await` what `add` returns. */
export type AnyQueue<T> = Queue<T, AddOutcome | Promise<AddOutcome>>;
