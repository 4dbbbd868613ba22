import type { ProbotOctokit } from "probot";

/** Replace the body of a conversation comment (the app's own; the body must already be safe to post). */
export async function updateIssueComment(params: {
  readonly octokit: Pick<ProbotOctokit, "rest">;
  readonly owner: string;
  readonly repo: string;
  readonly commentId: number;
  readonly body: string;
}): Promise<void> {
  await params.octokit.rest.issues.updateComment({ owner: params.owner, repo: params.repo, comment_id: params.commentId, body: params.body });
}
