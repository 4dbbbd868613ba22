import nock from "nock";
import { GITHUB_API, type RepoRef, type Sent } from "../helpers/nock-github.js";

/**
 * Named nock helpers for the GitHub endpoints slash commands call, in the
 * style of test/helpers/nock-github.ts: one expected request each; what the
 * app sends is pushed onto `sent`.
 */

const api = (): nock.Scope => nock(GITHUB_API);
const record = (sent: Sent | undefined) => (body: unknown): boolean => {
  sent?.push(body);
  return true;
};

/** The collaborator-permission answer: GitHub's base `permission` (maintain counts as write, triage as read) and the `role_name`. */
export function nockPermission(repo: RepoRef, username: string, permission: "admin" | "write" | "read" | "none" | 404, roleName?: string): nock.Scope {
  const scope = api().get(`/repos/${repo.owner}/${repo.repo}/collaborators/${username}/permission`);
  if (permission === 404) return scope.reply(404, { message: `${username} is not a user` });
  return scope.reply(200, { permission, role_name: roleName ?? permission, user: { login: username, type: "User" } });
}

export type ReactionContent = "eyes" | "rocket" | "confused";

/** A reaction on a conversation comment ("issue") or a line-thread comment ("review"). */
export function nockReaction(repo: RepoRef, comment: { readonly kind: "issue" | "review"; readonly id: number }, content: ReactionContent): nock.Scope {
  const kind = comment.kind === "issue" ? "issues" : "pulls";
  return api()
    .post(`/repos/${repo.owner}/${repo.repo}/${kind}/comments/${comment.id}/reactions`, { content })
    .reply(201, { id: 1, content });
}

/** A new comment in the PR's conversation. */
export function nockConversationReply(repo: RepoRef, pullNumber: number, sent?: Sent, id = 5000): nock.Scope {
  return api().post(`/repos/${repo.owner}/${repo.repo}/issues/${pullNumber}/comments`, record(sent)).reply(201, { id });
}

/** A reply in the line thread whose first comment is `threadId`. */
export function nockThreadReply(repo: RepoRef, pullNumber: number, threadId: number, sent?: Sent, id = 6000): nock.Scope {
  return api().post(`/repos/${repo.owner}/${repo.repo}/pulls/${pullNumber}/comments/${threadId}/replies`, record(sent)).reply(201, { id });
}

export function nockUpdateIssueComment(repo: RepoRef, commentId: number, sent?: Sent): nock.Scope {
  return api().patch(`/repos/${repo.owner}/${repo.repo}/issues/comments/${commentId}`, record(sent)).reply(200, { id: commentId });
}

export interface ThreadCommentFields {
  readonly id: number;
  readonly body: string;
  readonly inReplyTo?: number;
  readonly user?: { readonly login: string; readonly type: string };
  readonly path: string;
  readonly line: number | null;
  readonly startLine?: number | null;
  readonly side?: "LEFT" | "RIGHT";
}

/** The PR's review comments (every thread), as pulls.listReviewComments answers. */
export function nockListThreadComments(repo: RepoRef, pullNumber: number, comments: readonly ThreadCommentFields[]): nock.Scope {
  return api()
    .get(`/repos/${repo.owner}/${repo.repo}/pulls/${pullNumber}/comments`)
    .query({ per_page: "100" })
    .reply(
      200,
      comments.map((c) => ({
        id: c.id,
        body: c.body,
        user: c.user ?? { login: "patchsmith[bot]", type: "Bot" },
        path: c.path,
        line: c.line,
        start_line: c.startLine ?? null,
        side: c.side ?? "RIGHT",
        start_side: c.startLine == null ? null : (c.side ?? "RIGHT"),
        ...(c.inReplyTo === undefined ? {} : { in_reply_to_id: c.inReplyTo }),
      })),
    );
}
