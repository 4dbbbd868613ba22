import type { CommandComment } from "../github/command-comment.js";
import type { CommandJob } from "../jobs/command-job.js";
import { parseCommand } from "./parse-command.js";

interface Author {
  readonly login: string;
  readonly type?: string | undefined;
}

interface CommonFields {
  readonly action: string;
  readonly repository: { readonly name: string; readonly owner: { readonly login: string } };
  readonly installation?: { readonly id: number } | undefined;
}

/** The fields of an `issue_comment` payload that the decision reads. */
export interface IssueCommentPayload extends CommonFields {
  readonly issue: { readonly number: number; readonly pull_request?: unknown };
  readonly comment: { readonly id: number; readonly body: string; readonly user: Author | null };
}

/** The fields of a `pull_request_review_comment` payload that the decision reads. */
export interface ReviewCommentPayload extends CommonFields {
  readonly pull_request: { readonly number: number };
  readonly comment: {
    readonly id: number;
    readonly body: string;
    readonly user: Author | null;
    readonly in_reply_to_id?: number | null | undefined;
    readonly path: string;
    readonly line: number | null;
    readonly start_line?: number | null | undefined;
    readonly side?: string | null | undefined;
    readonly start_side?: string | null | undefined;
  };
}

export type CommentEvent =
  | { readonly name: "issue_comment"; readonly payload: IssueCommentPayload }
  | { readonly name: "pull_request_review_comment"; readonly payload: ReviewCommentPayload };

export type CommandDecision = { readonly run: true; readonly job: CommandJob } | { readonly run: false; readonly reason: string };

/**
 * Whether a comment webhook holds a command to run, from the payload alone
 * (no GitHub call): only new comments on pull requests, written by people, with
 * a command at the start of a line. Who may run it is checked next, with the API.
 */
export function decideCommentEvent(deliveryId: string, event: CommentEvent, options: { readonly appSlug?: string | undefined } = {}): CommandDecision {
  const { payload } = event;
  if (payload.action !== "created") return { run: false, reason: `a comment ${payload.action}, not created, runs no command` };
  const onPlainIssue = event.name === "issue_comment" && event.payload.issue.pull_request == null;
  const user = payload.comment.user;
  if (user === null) return { run: false, reason: "a comment without an author (a deleted account)" };
  if (user.type === "Bot" || user.login.endsWith("[bot]")) return { run: false, reason: `a comment by a bot (${user.login})` };
  if (payload.installation === undefined) return { run: false, reason: "the event has no installation" };
  const command = parseCommand(payload.comment.body, options);
  if (command === undefined) return { run: false, reason: "no command in the comment" };
  // On a plain issue only `scan` runs (it needs no pull request); every other command is ignored there.
  if (onPlainIssue && command.name !== "scan") return { run: false, reason: "a comment on an issue, not a pull request" };
  const comment = event.name === "issue_comment" ? ({ kind: "issue", id: event.payload.comment.id } as const) : threadComment(event.payload.comment);
  return {
    run: true,
    job: {
      kind: "command",
      deliveryId,
      installationId: payload.installation.id,
      owner: payload.repository.owner.login,
      repo: payload.repository.name,
      pullNumber: event.name === "issue_comment" ? event.payload.issue.number : event.payload.pull_request.number,
      command,
      author: user.login,
      comment,
    },
  };
}

function threadComment(comment: ReviewCommentPayload["comment"]): CommandComment {
  const side = (value: string | null | undefined): "LEFT" | "RIGHT" => (value === "LEFT" ? "LEFT" : "RIGHT");
  return {
    kind: "review",
    id: comment.id,
    threadId: comment.in_reply_to_id ?? comment.id,
    isReply: comment.in_reply_to_id != null,
    path: comment.path,
    line: comment.line,
    startLine: comment.start_line ?? null,
    side: side(comment.side),
    startSide: comment.start_side == null ? null : side(comment.start_side),
  };
}
