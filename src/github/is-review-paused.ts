import type { ProbotOctokit } from "probot";
import { parsePausedMarker } from "../review/markers.js";

/**
 * Whether reviews of this pull request are paused: a comment by the app (a
 * bot) carries the paused marker, until that comment is removed or edited.
 */
export async function isReviewPaused(params: {
  readonly octokit: Pick<ProbotOctokit, "rest" | "paginate">;
  readonly owner: string;
  readonly repo: string;
  readonly pullNumber: number;
}): Promise<boolean> {
  const { octokit } = params;
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: params.owner,
    repo: params.repo,
    issue_number: params.pullNumber,
    per_page: 100,
  });
  return comments.some((comment) => comment.user?.type === "Bot" && parsePausedMarker(comment.body ?? ""));
}
