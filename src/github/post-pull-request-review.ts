import type { JobLog } from "../log/job-log.js";
import { findLandedReview } from "./find-landed-review.js";
import { publishReview, type PublishedReview } from "./publish-review.js";
import type { PostableReview, PullRequestClient } from "./review-pull-request.js";

/**
 * Post a review made by reviewPullRequest, the same for the App, the CLI's
 * `--post` and the Action: one call, never retried blindly (a review that may
 * have landed is looked for first, among reviews by a bot or `trustedLogin`).
 */
export function postPullRequestReview(params: {
  readonly octokit: PullRequestClient;
  readonly owner: string;
  readonly repo: string;
  readonly pullNumber: number;
  readonly review: PostableReview;
  /** Ids of patchsmith's reviews already on the pull request (from the review state). */
  readonly knownIds: ReadonlySet<number>;
  /** The user the token posts as, when it is not a bot. */
  readonly trustedLogin?: string | undefined;
  readonly log: JobLog;
}): Promise<PublishedReview> {
  const where = { octokit: params.octokit, owner: params.owner, repo: params.repo, pullNumber: params.pullNumber };
  return publishReview({
    ...where,
    commitId: params.review.commitId,
    body: params.review.body,
    comments: params.review.comments,
    findLanded: () =>
      findLandedReview({
        ...where,
        commitId: params.review.commitId,
        knownIds: params.knownIds,
        ...(params.trustedLogin === undefined ? {} : { trustedLogin: params.trustedLogin }),
      }),
    log: params.log,
  });
}
