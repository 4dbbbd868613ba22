import { loadPayload } from "../helpers/load-payload.js";

/**
 * Comment webhook payloads from @octokit/webhooks-examples, adjusted per test:
 * the examples' issue comment is on a plain issue (#1), so `onPullRequest`
 * adds the `pull_request` object GitHub sends for a PR's conversation and
 * moves it to PR #2, the pull request of the review-comment example.
 */

export interface Author {
  readonly login: string;
  readonly type: string;
}

type Payload = Record<string, unknown>;

function adjustComment(payload: Payload, fields: Record<string, unknown>): Payload {
  const comment = payload.comment as Record<string, unknown>;
  const user = comment.user as Record<string, unknown>;
  const { user: author, ...rest } = fields;
  return { ...payload, comment: { ...comment, ...rest, ...(author === undefined ? {} : { user: { ...user, ...(author as Author) } }) } };
}

export function issueCommentPayload(
  body: string,
  options: { readonly action?: "created" | "edited"; readonly onPullRequest?: boolean; readonly user?: Author; readonly commentId?: number } = {},
): Payload {
  const payload = loadPayload(options.action === "edited" ? "issue_comment.edited" : "issue_comment.created");
  const issue = payload.issue as Record<string, unknown>;
  const onPullRequest = options.onPullRequest ?? true;
  const withIssue: Payload = {
    ...payload,
    installation: payload.installation ?? { id: 1, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" },
    issue: onPullRequest
      ? {
          ...issue,
          number: 2,
          pull_request: {
            url: "https://api.github.com/repos/Codertocat/Hello-World/pulls/2",
            html_url: "https://github.com/Codertocat/Hello-World/pull/2",
            diff_url: "https://github.com/Codertocat/Hello-World/pull/2.diff",
            patch_url: "https://github.com/Codertocat/Hello-World/pull/2.patch",
            merged_at: null,
          },
        }
      : issue,
  };
  return adjustComment(withIssue, { body, ...(options.user ? { user: options.user } : {}), ...(options.commentId === undefined ? {} : { id: options.commentId }) });
}

export interface ThreadFields {
  readonly action?: "created" | "edited";
  readonly commentId?: number;
  readonly inReplyTo?: number;
  readonly path?: string;
  readonly line?: number | null;
  readonly startLine?: number | null;
  readonly side?: "LEFT" | "RIGHT";
  readonly user?: Author;
}

export function reviewCommentPayload(body: string, fields: ThreadFields = {}): Payload {
  const payload = loadPayload(fields.action === "edited" ? "pull_request_review_comment.edited" : "pull_request_review_comment.created");
  return adjustComment(payload, {
    body,
    ...(fields.commentId === undefined ? {} : { id: fields.commentId }),
    ...(fields.inReplyTo === undefined ? {} : { in_reply_to_id: fields.inReplyTo }),
    ...(fields.path === undefined ? {} : { path: fields.path }),
    ...(fields.line === undefined ? {} : { line: fields.line }),
    ...(fields.startLine === undefined ? {} : { start_line: fields.startLine, start_side: fields.startLine === null ? null : (fields.side ?? "RIGHT") }),
    ...(fields.side === undefined ? {} : { side: fields.side }),
    ...(fields.user === undefined ? {} : { user: fields.user }),
  });
}
