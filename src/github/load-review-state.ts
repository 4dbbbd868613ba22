import type { ProbotOctokit } from "probot";
import { parseFingerprints, parseReviewMarker, parseStandingMarker, type StandingFile } from "../review/markers.js";
import { isTrustedAuthor } from "./is-trusted-author.js";

/** What earlier runs left on the pull request: the state lives in GitHub itself. */
export interface ReviewState {
  /** The head SHA recorded by the most recent patchsmith review, if any. */
  readonly lastReviewedSha: string | undefined;
  /**
   * The findings standing at `lastReviewedSha`, recorded by that same review;
   * undefined when it recorded none (a review by an earlier patchsmith), or there is no review.
   */
  readonly standing: readonly StandingFile[] | undefined;
  /** Ids of patchsmith's reviews so far (to tell a review that just landed from an old one). */
  readonly reviewIds: ReadonlySet<number>;
  /** Fingerprints of every patchsmith comment already on the pull request. */
  readonly fingerprints: ReadonlySet<string>;
}

/**
 * Read patchsmith's reviews (their markers name the last reviewed SHA) and its
 * inline comments (each carries a fingerprint), every page of both.
 */
export async function loadReviewState(params: {
  readonly octokit: Pick<ProbotOctokit, "rest" | "paginate">;
  readonly owner: string;
  readonly repo: string;
  readonly pullNumber: number;
  /** A user whose markers count too: the token's own user, when it posts as a person. */
  readonly trustedLogin?: string;
}): Promise<ReviewState> {
  const { octokit } = params;
  const where = { owner: params.owner, repo: params.repo, pull_number: params.pullNumber, per_page: 100 };
  const [reviews, comments] = await Promise.all([
    octokit.paginate(octokit.rest.pulls.listReviews, where),
    octokit.paginate(octokit.rest.pulls.listReviewComments, where),
  ]);
  let lastReviewedSha: string | undefined;
  let standing: readonly StandingFile[] | undefined;
  const reviewIds = new Set<number>();
  const fingerprints = new Set<string>();
  for (const review of reviews) {
    if (!isTrustedAuthor(review.user, params.trustedLogin)) continue;
    const marker = parseReviewMarker(review.body);
    if (marker === undefined) continue;
    reviewIds.add(review.id);
    lastReviewedSha = marker.sha;
    standing = parseStandingMarker(review.body);
    for (const fp of parseFingerprints(review.body)) fingerprints.add(fp);
  }
  for (const comment of comments) {
    if (isTrustedAuthor(comment.user, params.trustedLogin)) for (const fp of parseFingerprints(comment.body)) fingerprints.add(fp);
  }
  return { lastReviewedSha, standing, reviewIds, fingerprints };
}
