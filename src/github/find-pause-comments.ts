import type { ProbotOctokit } from "probot";
import { parsePausedMarker } from "../review/markers.js";
import { isTrustedAuthor } from "./is-trusted-author.js";

/** A conversation comment that pauses automatic reviews. */
export interface PauseComment {
  readonly id: number;
  readonly body: string;
}

/**
 * The conversation comments that pause automatic reviews of a pull request:
 * those a bot (the app) wrote that carry the paused marker. A person cannot
 * forge one: only a bot's markers count, and model text never keeps `<!--`.
 */
export async function findPauseComments(params: {
  readonly octokit: Pick<ProbotOctokit, "rest" | "paginate">;
  readonly owner: string;
  readonly repo: string;
  readonly pullNumber: number;
}): Promise<PauseComment[]> {
  const { octokit } = params;
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    owner: params.owner,
    repo: params.repo,
    issue_number: params.pullNumber,
    per_page: 100,
  });
  return comments.filter((comment) => isTrustedAuthor(comment.user) && parsePausedMarker(comment.body ?? "")).map((comment) => ({ id: comment.id, body: comment.body ?? "" }));
}
