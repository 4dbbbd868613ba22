import type { ProbotOctokit } from "probot";

/** One comment of a line thread, as a command reads it. */
export interface ThreadComment {
  readonly id: number;
  readonly author: { readonly login: string; readonly type: string };
  readonly body: string;
}

/** A line thread: where its first comment sits, and its comments oldest first. */
export interface ReviewThread {
  readonly path: string;
  /** The thread's last line on the current diff; null when the thread is outdated. */
  readonly line: number | null;
  readonly startLine: number | null;
  readonly side: "LEFT" | "RIGHT";
  readonly startSide: "LEFT" | "RIGHT" | null;
  readonly comments: readonly ThreadComment[];
}

/**
 * The thread whose first comment is `threadId`, read from the pull request's
 * review comments (REST has no per-thread listing), or undefined when that
 * comment is gone.
 */
export async function listReviewThread(params: {
  readonly octokit: Pick<ProbotOctokit, "rest" | "paginate">;
  readonly owner: string;
  readonly repo: string;
  readonly pullNumber: number;
  readonly threadId: number;
}): Promise<ReviewThread | undefined> {
  const { octokit } = params;
  const all = await octokit.paginate(octokit.rest.pulls.listReviewComments, { owner: params.owner, repo: params.repo, pull_number: params.pullNumber, per_page: 100 });
  const root = all.find((comment) => comment.id === params.threadId);
  if (root === undefined) return undefined;
  const side = (value: string | null | undefined): "LEFT" | "RIGHT" => (value === "LEFT" ? "LEFT" : "RIGHT");
  const comments = all
    .filter((comment) => comment.id === params.threadId || comment.in_reply_to_id === params.threadId)
    .sort((a, b) => a.id - b.id)
    .map((comment) => ({ id: comment.id, author: { login: comment.user.login, type: comment.user.type }, body: comment.body }));
  return {
    path: root.path,
    line: root.line ?? null,
    startLine: root.start_line ?? null,
    side: side(root.side),
    startSide: root.start_side == null ? null : side(root.start_side),
    comments,
  };
}
