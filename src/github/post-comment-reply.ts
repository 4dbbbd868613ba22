import type { ProbotOctokit } from "probot";

/** Where an answer goes: the PR conversation, or the line thread whose first comment is `threadId`. */
export type ReplyTarget = { readonly kind: "issue" } | { readonly kind: "review"; readonly threadId: number };

/**
 * Answer a comment where it was written: a new comment in the conversation,
 * or a reply in the same line thread (GitHub takes replies on the thread's
 * first comment only; a ```suggestion in it applies to the thread's lines).
 * The body must already be safe to post. Returns the new comment's id.
 */
export async function postCommentReply(params: {
  readonly octokit: Pick<ProbotOctokit, "rest">;
  readonly owner: string;
  readonly repo: string;
  readonly pullNumber: number;
  readonly target: ReplyTarget;
  readonly body: string;
}): Promise<number> {
  const { octokit, owner, repo, target, body } = params;
  if (target.kind === "issue") {
    const { data } = await octokit.rest.issues.createComment({ owner, repo, issue_number: params.pullNumber, body });
    return data.id;
  }
  const { data } = await octokit.rest.pulls.createReplyForReviewComment({ owner, repo, pull_number: params.pullNumber, comment_id: target.threadId, body });
  return data.id;
}
