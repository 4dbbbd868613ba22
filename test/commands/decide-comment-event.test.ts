import { describe, expect, it } from "vitest";
import { decideCommentEvent, type CommentEvent, type IssueCommentPayload, type ReviewCommentPayload } from "../../src/commands/decide-comment-event.js";
import { issueCommentPayload, reviewCommentPayload } from "./comment-payloads.js";

const issueEvent = (payload: Record<string, unknown>): CommentEvent => ({ name: "issue_comment", payload: payload as unknown as IssueCommentPayload });
const threadEvent = (payload: Record<string, unknown>): CommentEvent => ({ name: "pull_request_review_comment", payload: payload as unknown as ReviewCommentPayload });

describe("decideCommentEvent", () => {
  it("turns a command in a new PR conversation comment into a job", () => {
    const decision = decideCommentEvent("d-1", issueEvent(issueCommentPayload("/patchsmith ask what changed?")));
    expect(decision).toEqual({
      run: true,
      job: {
        kind: "command",
        deliveryId: "d-1",
        installationId: 1,
        owner: "Codertocat",
        repo: "Hello-World",
        pullNumber: 2,
        command: { name: "ask", args: "what changed?" },
        author: "Codertocat",
        comment: { kind: "issue", id: 492700400 },
      },
    });
  });

  it("reads a line thread's place from a review comment; a reply points at its thread's first comment", () => {
    const first = decideCommentEvent("d-2", threadEvent(reviewCommentPayload("/patchsmith fix", { path: "src/a.ts", line: 3, startLine: 2 })));
    expect(first.run && first.job.comment).toEqual({ kind: "review", id: 284312630, threadId: 284312630, isReply: false, path: "src/a.ts", line: 3, startLine: 2, side: "RIGHT", startSide: "RIGHT" });
    const reply = decideCommentEvent("d-3", threadEvent(reviewCommentPayload("/patchsmith explain", { commentId: 900, inReplyTo: 284312630 })));
    expect(reply.run && reply.job.comment).toMatchObject({ id: 900, threadId: 284312630, isReply: true, line: 265, startLine: null, startSide: null });
  });

  it("ignores edited comments, plain issues, bots and comments without a command", () => {
    expect(decideCommentEvent("d", issueEvent(issueCommentPayload("/patchsmith review", { action: "edited" })))).toEqual({ run: false, reason: "a comment edited, not created, runs no command" });
    expect(decideCommentEvent("d", threadEvent(reviewCommentPayload("/patchsmith fix", { action: "edited" }))).run).toBe(false);
    expect(decideCommentEvent("d", issueEvent(issueCommentPayload("/patchsmith review", { onPullRequest: false })))).toEqual({ run: false, reason: "a comment on an issue, not a pull request" });
    expect(decideCommentEvent("d", issueEvent(issueCommentPayload("/patchsmith review", { user: { login: "patchsmith[bot]", type: "Bot" } })))).toEqual({
      run: false,
      reason: "a comment by a bot (patchsmith[bot])",
    });
    expect(decideCommentEvent("d", issueEvent(issueCommentPayload("/patchsmith review", { user: { login: "renovate[bot]", type: "User" } }))).run).toBe(false);
    expect(decideCommentEvent("d", issueEvent(issueCommentPayload("LGTM")))).toEqual({ run: false, reason: "no command in the comment" });
  });

  it("runs only `scan` from a comment on a plain issue", () => {
    const scan = decideCommentEvent("d-scan", issueEvent(issueCommentPayload("/patchsmith scan", { onPullRequest: false })));
    expect(scan).toMatchObject({ run: true, job: { command: { name: "scan" }, comment: { kind: "issue" } } });
    expect(decideCommentEvent("d", issueEvent(issueCommentPayload("/patchsmith help", { onPullRequest: false })))).toEqual({ run: false, reason: "a comment on an issue, not a pull request" });
    expect(decideCommentEvent("d", issueEvent(issueCommentPayload("/patchsmith scan", { onPullRequest: false, user: { login: "x[bot]", type: "Bot" } }))).run).toBe(false);
  });

  it("recognises the app's mention when its slug is known", () => {
    const payload = issueCommentPayload("@patchsmith-app pause");
    expect(decideCommentEvent("d", issueEvent(payload)).run).toBe(false);
    expect(decideCommentEvent("d", issueEvent(payload), { appSlug: "patchsmith-app" })).toMatchObject({ run: true, job: { command: { name: "pause" } } });
  });
});
