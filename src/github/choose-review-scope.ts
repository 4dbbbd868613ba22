import type { ReviewTrigger } from "./review-job.js";
import type { Comparison } from "./compare-commits.js";
import type { ReviewScope } from "./review-scope.js";

/**
 * Review everything, only what changed since the last reviewed SHA, or nothing:
 * incremental when the new head descends from the last reviewed one and GitHub
 * listed every changed file; full after a force-push, on the first review and
 * when a re-run was asked for, and when the last review did not record the
 * findings standing at its head (an earlier patchsmith's): without them the
 * gate would know only the files this run looks at.
 */
export function chooseReviewScope(params: {
  readonly trigger: ReviewTrigger;
  readonly headSha: string;
  readonly lastReviewedSha: string | undefined;
  /** The last review recorded the findings standing at its head. */
  readonly standingRecorded: boolean;
  /** `lastReviewedSha...headSha`, when there is a last reviewed SHA. */
  readonly sinceLast: Comparison | undefined;
}): ReviewScope {
  const last = params.lastReviewedSha;
  if (params.trigger === "rerequested") return { kind: "full", reason: "a re-run was requested" };
  if (last === undefined) return { kind: "full", reason: "first review of this pull request" };
  if (!params.standingRecorded) return { kind: "full", reason: `the review of ${last.slice(0, 7)} did not record its standing findings (an earlier patchsmith)` };
  if (last === params.headSha) return { kind: "up-to-date", since: last };
  const comparison = params.sinceLast;
  if (comparison === undefined || comparison.status === "missing") {
    return { kind: "full", reason: `the last reviewed commit ${last.slice(0, 7)} no longer exists (force-push)` };
  }
  if (comparison.status === "identical") return { kind: "up-to-date", since: last };
  if (comparison.status !== "ahead") {
    return { kind: "full", reason: `the branch was rewritten since ${last.slice(0, 7)} (force-push)` };
  }
  if (!comparison.complete) return { kind: "full", reason: `too many files changed since ${last.slice(0, 7)} to list them` };
  return { kind: "incremental", since: last, paths: comparison.paths };
}
