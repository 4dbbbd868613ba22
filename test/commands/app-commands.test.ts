import nock from "nock";
import { describe, expect, it } from "vitest";
import type { Generator } from "../../src/llm/generator.js";
import { createScriptedGenerator } from "../../src/llm/scripted-generator.js";
import { renderPausedMarker, renderReviewMarker, renderStandingMarker } from "../../src/review/markers.js";
import { emptyResult, fakeReviewChange } from "../helpers/fake-review-change.js";
import { loadPayload } from "../helpers/load-payload.js";
import {
  nockCompare,
  nockConfig,
  nockCreateCheckRun,
  nockGetPull,
  nockInstallationToken,
  nockListFiles,
  nockListIssueComments,
  nockListReviewComments,
  nockListReviews,
  nockUpdateCheckRun,
  type Sent,
} from "../helpers/nock-github.js";
import { issueCommentPayload, reviewCommentPayload } from "./comment-payloads.js";
import { nockConversationReply, nockPermission, nockReaction, nockThreadReply, nockUpdateIssueComment } from "./nock-commands.js";
import { BASE, HEAD, ISSUE_COMMENT_ID, PR, REPO, REVIEW_COMMENT_ID, startCommandApp } from "./start-command-app.js";
import { replyBody } from "./reply-body.js";

const GREET_PATCH = ["@@ -1,3 +1,4 @@", " export function greet(name: string): string {", '-  return "hi " + name;', "+  const unused = 1;", "+  return `hi ${name}`;", " }"].join("\n");
const conversation = { kind: "issue", id: ISSUE_COMMENT_ID } as const;
const bodyOf = replyBody;

describe("slash commands in the PR conversation", () => {
  it("help: open to anyone; 👀, the commands and this repository's settings, then 🚀", async () => {
    const app = await startCommandApp();
    const replies: Sent = [];
    nockInstallationToken(1);
    nockReaction(REPO, conversation, "eyes");
    nockConfig(REPO, "maxComments: 5\nchecks: { tests: false }\n");
    nockListIssueComments(REPO, PR);
    nockConversationReply(REPO, PR, replies);
    nockReaction(REPO, conversation, "rocket");

    await app.send("issue_comment", "help-1", issueCommentPayload("/patchsmith help maxComments: 100\ndrafts: true", { user: { login: "drive-by", type: "User" } }));
    await app.idle();

    expect(nock.pendingMocks()).toEqual([]);
    expect(app.commands.map((c) => c.outcome)).toEqual([{ command: "help", kind: "done", replyId: 5000 }]);
    expect(bodyOf(replies)).toMatchSnapshot("help reply");
    // Comment text changes no setting: the values are the repository's.
    expect(bodyOf(replies)).toContain("at most 5 inline per review");
    expect(bodyOf(replies)).toContain("drafts reviewed: no");
    expect(bodyOf(replies)).toContain("checks: eslint, typescript, model; model attempts per edit: 3");
    expect(bodyOf(replies)).toContain("- model: none configured");
  });

  it("a command the queue cannot store within the limit is answered 503 (not acknowledged), so GitHub can deliver it again", async () => {
    const app = await startCommandApp({ stallCommandQueue: true, recordJobMs: 50 });
    nockInstallationToken(1);
    const sent = app.send("issue_comment", "stalled-1", issueCommentPayload("/patchsmith help", { user: { login: "drive-by", type: "User" } }));
    // Probot's webhook middleware answers with the status the handler's error carries.
    await expect(sent).rejects.toMatchObject({ errors: [expect.objectContaining({ name: "JobNotRecordedError", status: 503 })] });
    await expect(sent).rejects.toThrow(/The command job of delivery stalled-1 could not be stored within 50 ms; answered 503/);
    nock.cleanAll();
  });

  it("an unknown command gets the help text, naming the word, and 😕", async () => {
    const app = await startCommandApp({ generator: createScriptedGenerator({ answers: {}, model: "qwen-test" }) });
    const replies: Sent = [];
    nockInstallationToken(1);
    nockReaction(REPO, conversation, "eyes");
    nockConfig(REPO, undefined);
    nockListIssueComments(REPO, PR, [{ body: `Paused.\n\n${renderPausedMarker()}` }]);
    nockConversationReply(REPO, PR, replies);
    nockReaction(REPO, conversation, "confused");

    await app.send("issue_comment", "unknown-1", issueCommentPayload("/patchsmith deploy to production"));
    await app.idle();

    expect(nock.pendingMocks()).toEqual([]);
    expect(bodyOf(replies)).toMatch(/^patchsmith has no command `deploy`\. Write a command/);
    expect(bodyOf(replies)).toContain("- model: `qwen-test`");
    expect(bodyOf(replies)).toContain("- automatic reviews of this pull request: paused");
  });

  it("refuses a costly command from someone without write access, politely, and runs nothing", async () => {
    const app = await startCommandApp();
    const replies: Sent = [];
    nockInstallationToken(1);
    nockPermission(REPO, "Codertocat", "read");
    nockConversationReply(REPO, PR, replies);

    await app.send("issue_comment", "refused-1", issueCommentPayload("/patchsmith review"));
    await app.idle();

    expect(nock.pendingMocks()).toEqual([]);
    expect(app.commands).toEqual([]);
    expect(bodyOf(replies)).toBe("Sorry, `Codertocat`: `review` needs write access to this repository, so only its maintainers can run it. Anyone can use `/patchsmith help`.");
  });

  it("treats someone GitHub does not know as a collaborator (404) as having no access", async () => {
    const app = await startCommandApp();
    const replies: Sent = [];
    nockInstallationToken(1);
    nockPermission(REPO, "Codertocat", 404);
    nockConversationReply(REPO, PR, replies);

    await app.send("issue_comment", "refused-2", issueCommentPayload("/patchsmith pause"));
    await app.idle();

    expect(nock.pendingMocks()).toEqual([]);
    expect(bodyOf(replies)).toContain("`pause` needs write access");
  });

  it("says so, and runs nothing, when the permission cannot be read", async () => {
    const app = await startCommandApp();
    const replies: Sent = [];
    nockInstallationToken(1);
    nock("https://api.github.com").get(`/repos/${REPO.owner}/${REPO.repo}/collaborators/Codertocat/permission`).reply(502, { message: "Server Error" });
    nockConversationReply(REPO, PR, replies);

    await app.send("issue_comment", "perm-error-1", issueCommentPayload("/patchsmith review"));
    await app.idle();

    expect(nock.pendingMocks()).toEqual([]);
    expect(app.commands).toEqual([]);
    expect(bodyOf(replies)).toContain("could not check who may run `review`");
  });

  it("ignores a command in an edited comment, on a plain issue, or by a bot: no request at all", async () => {
    const app = await startCommandApp();
    const edited = issueCommentPayload("/patchsmith review", { action: "edited" });
    await app.send("issue_comment", "edited-1", { ...edited, installation: { id: 1 } });
    await app.send("pull_request_review_comment", "edited-2", reviewCommentPayload("/patchsmith fix", { action: "edited" }));
    await app.send("issue_comment", "issue-1", issueCommentPayload("/patchsmith review", { onPullRequest: false }));
    await app.send("issue_comment", "bot-1", issueCommentPayload("/patchsmith review", { user: { login: "patchsmith[bot]", type: "Bot" } }));
    await app.send("pull_request_review_comment", "bot-2", reviewCommentPayload("/patchsmith fix", { user: { login: "dependabot[bot]", type: "Bot" } }));
    await app.idle();

    expect(app.commands).toEqual([]);
    expect(app.log.messages("debug")).toEqual([
      "No command: a comment on an issue, not a pull request",
      "No command: a comment by a bot (patchsmith[bot])",
      "No command: a comment by a bot (dependabot[bot])",
    ]);
  });

  it("says where a command works when it is written in the wrong place, without running it", async () => {
    const app = await startCommandApp();
    const replies: Sent = [];
    const threadReplies: Sent = [];
    nockInstallationToken(1);
    nockConversationReply(REPO, PR, replies);
    nockThreadReply(REPO, PR, REVIEW_COMMENT_ID, threadReplies);

    await app.send("issue_comment", "place-1", issueCommentPayload("/patchsmith fix this"));
    await app.send("pull_request_review_comment", "place-2", reviewCommentPayload("/patchsmith review"));
    await app.idle();

    expect(nock.pendingMocks()).toEqual([]);
    expect(app.commands).toEqual([]);
    expect(bodyOf(replies)).toContain("`fix` works in a line thread");
    expect(bodyOf(threadReplies)).toContain("`review` works in the pull request's conversation");
  });

  it("tests without a model: says what to set, with 😕", async () => {
    const app = await startCommandApp();
    const replies: Sent = [];
    nockInstallationToken(1);
    nockPermission(REPO, "Codertocat", "write");
    nockReaction(REPO, conversation, "eyes");
    nockConversationReply(REPO, PR, replies);
    nockReaction(REPO, conversation, "confused");

    await app.send("issue_comment", "tests-1", issueCommentPayload("/patchsmith tests src/greet.ts"));
    await app.idle();

    expect(nock.pendingMocks()).toEqual([]);
    expect(app.commands.map((c) => c.outcome.kind)).toEqual(["failed"]);
    expect(bodyOf(replies)).toContain("No model is configured for this app");
  });

  it("a model command without a model says what to set, before reading anything", async () => {
    const app = await startCommandApp();
    const replies: Sent = [];
    nockInstallationToken(1);
    nockPermission(REPO, "Codertocat", "admin");
    nockReaction(REPO, conversation, "eyes");
    nockConversationReply(REPO, PR, replies);
    nockReaction(REPO, conversation, "confused");

    await app.send("issue_comment", "nomodel-1", issueCommentPayload("/patchsmith ask what does this change?"));
    await app.idle();

    expect(nock.pendingMocks()).toEqual([]);
    expect(bodyOf(replies)).toMatch(/^No model is configured for this app/);
    expect(bodyOf(replies)).toContain("`PATCHSMITH_MODEL`");
    expect(bodyOf(replies)).toContain("`PATCHSMITH_LLM_URL`");
  });

  it("ask: answers from the PR's diff, sanitised, with references to the PR's files only", async () => {
    const generator = createScriptedGenerator({
      answers: {
        answer: [
          {
            answer: "It adds an unused constant. See ![x](https://evil.example/x.png) and ask @octocat.",
            references: [
              { path: "src/greet.ts", line: 2 },
              { path: "/etc/passwd", line: 1 },
            ],
          },
        ],
      },
    });
    const app = await startCommandApp({ generator });
    const replies: Sent = [];
    nockInstallationToken(1);
    nockPermission(REPO, "Codertocat", "write");
    nockReaction(REPO, conversation, "eyes");
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockConfig(REPO, undefined);
    nockListFiles(REPO, PR, [
      { filename: "src/greet.ts", status: "modified", patch: GREET_PATCH },
      { filename: "src/keys.ts", status: "added", patch: '@@ -0,0 +1 @@\n+export const awsKey = "AKIAABCDEFGHIJKLMNOP";' },
    ]);
    nockConversationReply(REPO, PR, replies);
    nockReaction(REPO, conversation, "rocket");

    await app.send("issue_comment", "ask-1", issueCommentPayload("/patchsmith ask what does this change?\nAlso read https://evil.example/notes"));
    await app.idle();

    expect(nock.pendingMocks()).toEqual([]);
    expect(app.commands.map((c) => c.outcome.kind)).toEqual(["done"]);
    expect(bodyOf(replies)).toBe("It adds an unused constant. See x and ask `@octocat`.\n\nSee `src/greet.ts:2`.");
    const prompt = generator.calls[0]?.user ?? "";
    expect(prompt).toMatch(/<untrusted-data label="question" id="[0-9a-f]{12}">\nwhat does this change\?\nAlso read https:\/\/evil\.example\/notes\n<\/untrusted-data/);
    expect(prompt).toContain("+  const unused = 1;");
    // Secrets in the diff are masked before the model sees them.
    expect(prompt).toContain('+export const awsKey = "[redacted secret]";');
    expect(prompt).not.toContain("AKIAABCDEFGHIJKLMNOP");
  });

  it("ask without a question says how to ask, and review on a closed pull request says it is closed", async () => {
    const app = await startCommandApp({ generator: createScriptedGenerator({ answers: {} }) });
    const replies: Sent = [];
    nockInstallationToken(1);
    nockPermission(REPO, "Codertocat", "write");
    nockPermission(REPO, "Codertocat", "write");
    for (const id of [21, 22]) {
      nockReaction(REPO, { kind: "issue", id }, "eyes");
      nockReaction(REPO, { kind: "issue", id }, "confused");
    }
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE, state: "closed" });
    nockConversationReply(REPO, PR, replies);
    nockConversationReply(REPO, PR, replies);

    await app.send("issue_comment", "ask-empty", issueCommentPayload("/patchsmith ask", { commentId: 21 }));
    await app.idle();
    await app.send("issue_comment", "review-closed", issueCommentPayload("/patchsmith review", { commentId: 22 }));
    await app.idle();

    expect(nock.pendingMocks()).toEqual([]);
    expect(bodyOf(replies, 0)).toMatch(/^Write the question after `ask`/);
    expect(bodyOf(replies, 1)).toBe("This pull request is closed; reopen it to have it reviewed.");
  });

  it("review: a full review of the current head, ignoring the incremental state, even when paused", async () => {
    const engine = fakeReviewChange(emptyResult());
    const app = await startCommandApp({ engine });
    const replies: Sent = [];
    nockInstallationToken(1);
    nockPermission(REPO, "Codertocat", "write", "maintain");
    nockReaction(REPO, conversation, "eyes");
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    // The review job: the head was already reviewed (its marker is there), so an automatic run would be "up to date".
    // No request for the conversation's comments: a review someone asked for does not look for the paused marker.
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockConfig(REPO, undefined);
    nockCreateCheckRun(REPO, 77);
    nockListReviews(REPO, PR, [{ id: 400, body: `### patchsmith review\n\n${renderStandingMarker([])}\n${renderReviewMarker({ sha: HEAD })}` }]);
    nockListReviewComments(REPO, PR);
    nockListFiles(REPO, PR, [{ filename: "src/greet.ts", status: "modified", patch: GREET_PATCH }]);
    nockCompare(REPO, BASE, HEAD, { status: "ahead", mergeBaseSha: BASE, files: ["src/greet.ts"] });
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockUpdateCheckRun(REPO, 77);
    nockConversationReply(REPO, PR, replies);
    nockReaction(REPO, conversation, "rocket");

    await app.send("issue_comment", "review-1", issueCommentPayload("/patchsmith review"));
    await app.idle();

    expect(nock.pendingMocks()).toEqual([]);
    expect(engine.calls).toHaveLength(1);
    expect(engine.calls[0]?.diff.map((d) => d.path)).toEqual(["src/greet.ts"]);
    expect(app.commands.map((c) => c.outcome.kind)).toEqual(["done"]);
    expect(bodyOf(replies)).toBe("Reviewed ec26c3e in full: nothing new to post. The `patchsmith` check run has the summary.");
  });
});

describe("one command per pull request at a time", () => {
  it("runs the first, queues the second, tells the third to wait", async () => {
    let release = (): void => undefined;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const scripted = createScriptedGenerator({ answers: { answer: [{ answer: "First.", references: [] }, { answer: "Second.", references: [] }] } });
    const started: string[] = [];
    const generator: Generator = {
      ...scripted,
      async answerQuestion(request, options) {
        started.push(request.question);
        if (started.length === 1) await released;
        return scripted.answerQuestion(request, options);
      },
    };
    const app = await startCommandApp({ generator });
    const replies: Sent = [];
    nockInstallationToken(1);
    nockPermission(REPO, "Codertocat", "write").persist();
    for (const id of [11, 12]) {
      nockReaction(REPO, { kind: "issue", id }, "eyes");
      nockReaction(REPO, { kind: "issue", id }, "rocket");
    }
    for (let run = 0; run < 2; run++) {
      nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
      nockConfig(REPO, undefined);
      nockListFiles(REPO, PR, [{ filename: "src/greet.ts", status: "modified", patch: GREET_PATCH }]);
    }
    nockConversationReply(REPO, PR, replies).persist();

    await app.send("issue_comment", "q-1", issueCommentPayload("/patchsmith ask one?", { commentId: 11 }));
    await app.send("issue_comment", "q-2", issueCommentPayload("/patchsmith ask two?", { commentId: 12 }));
    await app.send("issue_comment", "q-3", issueCommentPayload("/patchsmith ask three?", { commentId: 13 }));
    // The third is told to wait while the first still runs.
    while (replies.length === 0) await new Promise((resolve) => setImmediate(resolve));
    expect(bodyOf(replies)).toContain("already running one command on this pull request and another is waiting");
    expect(started).toEqual(["one?"]);
    release();
    await app.idle();

    nock.cleanAll();
    expect(started).toEqual(["one?", "two?"]);
    expect(app.commands.map((c) => [c.job.comment.id, c.outcome.kind])).toEqual([
      [11, "done"],
      [12, "done"],
    ]);
    expect(replies.map((_, i) => replyBody(replies, i))).toEqual([expect.stringContaining("Please wait"), "First.", "Second."]);
    expect(app.log.entries.filter((e) => e.msg.includes(": busy"))).toHaveLength(1);
  });
});

describe("pause and resume", () => {
  it("pause: the reply carries the hidden marker, and a later push is not reviewed", async () => {
    const app = await startCommandApp();
    const replies: Sent = [];
    nockInstallationToken(1);
    nockPermission(REPO, "Codertocat", "write");
    nockReaction(REPO, conversation, "eyes");
    nockListIssueComments(REPO, PR);
    nockConversationReply(REPO, PR, replies);
    nockReaction(REPO, conversation, "rocket");

    await app.send("issue_comment", "pause-1", issueCommentPayload("/patchsmith pause"));
    await app.idle();
    expect(nock.pendingMocks()).toEqual([]);
    expect(bodyOf(replies)).toContain(renderPausedMarker());

    // A push: the review job finds the app's marker comment (the state is in GitHub, not in memory).
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockConfig(REPO, undefined);
    nockListIssueComments(REPO, PR, [{ id: 5000, body: bodyOf(replies) }]);
    await app.send("pull_request", "sync-1", loadPayload("pull_request.synchronize"));
    await app.idle();

    expect(nock.pendingMocks()).toEqual([]);
    expect(app.reviews).toEqual([{ kind: "skipped", reason: "reviews are paused on this pull request" }]);
  });

  it("pause twice posts no second marker; a person's marker does not count", async () => {
    const app = await startCommandApp();
    const replies: Sent = [];
    nockInstallationToken(1);
    nockPermission(REPO, "Codertocat", "write");
    nockReaction(REPO, conversation, "eyes");
    nockListIssueComments(REPO, PR, [
      { id: 1, body: renderPausedMarker(), user: { login: "mallory", type: "User" } },
      { id: 2, body: `Paused.\n\n${renderPausedMarker()}` },
    ]);
    nockConversationReply(REPO, PR, replies);
    nockReaction(REPO, conversation, "rocket");

    await app.send("issue_comment", "pause-2", issueCommentPayload("/patchsmith pause"));
    await app.idle();

    expect(nock.pendingMocks()).toEqual([]);
    expect(bodyOf(replies)).toBe("Automatic reviews of this pull request are already paused. `/patchsmith resume` restarts them.");
  });

  it("resume: edits the marker out of the app's pause comments", async () => {
    const app = await startCommandApp();
    const replies: Sent = [];
    const edits: Sent = [];
    nockInstallationToken(1);
    nockPermission(REPO, "Codertocat", "write");
    nockReaction(REPO, conversation, "eyes");
    nockListIssueComments(REPO, PR, [
      { id: 1, body: renderPausedMarker(), user: { login: "mallory", type: "User" } },
      { id: 2, body: `Paused.\n\n${renderPausedMarker()}` },
    ]);
    nockUpdateIssueComment(REPO, 2, edits);
    nockConversationReply(REPO, PR, replies);
    nockReaction(REPO, conversation, "rocket");

    await app.send("issue_comment", "resume-1", issueCommentPayload("@patchsmith resume"));
    await app.idle();

    expect(nock.pendingMocks()).toEqual([]);
    expect(edits).toEqual([{ body: "Automatic reviews of this pull request were paused here, and resumed by `Codertocat`." }]);
    expect(bodyOf(replies)).toContain("back on");
  });
});
