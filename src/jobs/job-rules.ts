import { JOB_PRIORITY, type JobKind } from "./queue.js";

/**
 * What an in-memory queue does with a job whose key (one pull request, one
 * repository) already has a job waiting or running:
 * - "replace": the newer job replaces the waiting one (dropped) and stops the
 *   running one (aborted with SupersededError); a re-push makes older work moot.
 * - "line-up": the newer job waits its turn behind them, in the order jobs came;
 *   at most `maxWaitingPerKey` may wait behind the one running, more are refused ("busy").
 */
export type SameKeyRule = { readonly coalesce: "replace" } | { readonly coalesce: "line-up"; readonly maxWaitingPerKey: number };

/** The rules of one kind of job in an in-memory queue. */
export interface KindRules {
  readonly sameKey: SameKeyRule;
  /** Which waiting job runs first: lower first (as BullMQ counts), then the oldest. */
  readonly priority: number;
  /** Whether the in-memory queue's waiting bound (PATCHSMITH_QUEUE_MAX_WAITING) applies; beyond it `add` answers "full". */
  readonly bounded: boolean;
}

/**
 * The per-kind rules, as data: a review is replaced by the next push of its
 * pull request and its queue is bounded; a slash command is a person's request,
 * so it is never replaced (one may wait behind the running one); a scan of a
 * repository replaces an older scan of it, one at a time.
 */
export const JOB_RULES = {
  review: { sameKey: { coalesce: "replace" }, priority: JOB_PRIORITY.review, bounded: true },
  command: { sameKey: { coalesce: "line-up", maxWaitingPerKey: 1 }, priority: JOB_PRIORITY.command, bounded: false },
  scan: { sameKey: { coalesce: "replace" }, priority: JOB_PRIORITY.scan, bounded: false },
} as const satisfies Readonly<Record<JobKind, KindRules>>;

/** The waiting bound of an in-memory queue of `kind`: the deployment's PATCHSMITH_QUEUE_MAX_WAITING where the kind is bounded, else none. */
export function waitingBound(kind: JobKind, maxWaiting: number): { readonly maxWaiting?: number } {
  const rules: KindRules = JOB_RULES[kind];
  return rules.bounded ? { maxWaiting } : {};
}
