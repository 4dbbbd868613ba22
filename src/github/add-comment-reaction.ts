import type { ProbotOctokit } from "probot";

/** The reactions patchsmith uses: 👀 accepted, 🚀 done, 😕 failed. */
export type CommandReaction = "eyes" | "rocket" | "confused";

/** A comment in a pull request: in the conversation (an issue comment) or in a line thread (a review comment). */
export interface CommentRef {
  readonly kind: "issue" | "review";
  readonly id: number;
}

/** React to a comment (GitHub answers 200 instead of 201 when the same reaction is already there). */
export async function addCommentReaction(params: {
  readonly octokit: Pick<ProbotOctokit, "rest">;
  readonly owner: string;
  readonly repo: string;
  readonly comment: CommentRef;
  readonly content: CommandReaction;
}): Promise<void> {
  const { octokit, owner, repo, comment, content } = params;
  if (comment.kind === "issue") await octokit.rest.reactions.createForIssueComment({ owner, repo, comment_id: comment.id, content });
  else await octokit.rest.reactions.createForPullRequestReviewComment({ owner, repo, comment_id: comment.id, content });
}
