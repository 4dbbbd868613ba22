import type { ProbotOctokit } from "probot";
import { findPauseComments } from "./find-pause-comments.js";

/**
 * Whether automatic reviews of this pull request are paused: a comment by the
 * app (a bot) carries the paused marker (`/patchsmith pause` posts it), until
 * `/patchsmith resume` edits it out or the comment is deleted. The state lives
 * in GitHub, not in this process.
 */
export async function isReviewPaused(params: {
  readonly octokit: Pick<ProbotOctokit, "rest" | "paginate">;
  readonly owner: string;
  readonly repo: string;
  readonly pullNumber: number;
}): Promise<boolean> {
  return (await findPauseComments(params)).length > 0;
}
