import type { ProbotOctokit } from "probot";
import { parseReviewMarker } from "../review/markers.js";
import { isTrustedAuthor } from "./is-trusted-author.js";

/**
 * The id of a patchsmith review of `commitId` that is not among `knownIds`:
 * the one a failed-looking createReview call did in fact post. Undefined when
 * there is none, and the review may be sent again.
 */
export async function findLandedReview(params: {
  readonly octokit: Pick<ProbotOctokit, "rest" | "paginate">;
  readonly owner: string;
  readonly repo: string;
  readonly pullNumber: number;
  readonly commitId: string;
  readonly knownIds: ReadonlySet<number>;
  /** A user whose reviews count too: the token's own user, when it posts as a person. */
  readonly trustedLogin?: string;
}): Promise<number | undefined> {
  const { octokit } = params;
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, {
    owner: params.owner,
    repo: params.repo,
    pull_number: params.pullNumber,
    per_page: 100,
  });
  const landed = reviews.find(
    (review) => isTrustedAuthor(review.user, params.trustedLogin) && !params.knownIds.has(review.id) && parseReviewMarker(review.body)?.sha === params.commitId,
  );
  return landed?.id;
}
