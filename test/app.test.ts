import nock from "nock";
import type { Probot } from "probot";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../src/app.js";
import { readAppSettings } from "../src/config/app-settings.js";
import { createInProcessQueue } from "../src/jobs/create-in-process-queue.js";
import type { ReviewJob } from "../src/github/review-job.js";
import type { ReviewJobOutcome } from "../src/jobs/run-review-job.js";
import { renderReviewMarker, renderStandingMarker } from "../src/review/markers.js";
import type { ReviewChange } from "../src/pipeline/review-types.js";
import { createTestLog } from "./helpers/create-test-log.js";
import { createTestProbot } from "./helpers/create-test-probot.js";
import { commentFor, emptyResult, fakeReviewChange } from "./helpers/fake-review-change.js";
import { loadPayload, webhookEvent } from "./helpers/load-payload.js";
import {
  GITHUB_API,
  nockCompare,
  nockConfig,
  nockCreateCheckRun,
  nockCreateReview,
  nockGetPull,
  nockInstallationToken,
  nockListFiles,
  nockListIssueComments,
  nockListReviewComments,
  nockListReviews,
  nockSnapshot,
  nockUpdateCheckRun,
  pullRequestData,
  type Sent,
} from "./helpers/nock-github.js";

// The repository, PR and SHAs of @octokit/webhooks-examples' pull_request payloads.
const REPO = { owner: "Codertocat", repo: "Hello-World" };
const PR = 2;
const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const NEXT_HEAD = "1111111111111111111111111111111111111111";
const NOW = Date.parse("2024-05-01T12:00:00Z");

const GREET_PATCH = ["@@ -1,3 +1,4 @@", " export function greet(name: string): string {", '-  return "hi " + name;', "+  const unused = 1;", "+  return `hi ${name}`;", " }"].join("\n");
const GREET_BASE = 'export function greet(name: string): string {\n  return "hi " + name;\n}\n';
const GREET_HEAD = "export function greet(name: string): string {\n  const unused = 1;\n  return `hi ${name}`;\n}\n";

const unusedVar = commentFor({ path: "src/greet.ts", line: 2, code: "const unused = 1;", rule: "eslint/no-unused-vars", text: "`unused` is assigned a value but never used." });

async function startApp(engine: ReviewChange): Promise<{ probot: Probot; outcomes: ReviewJobOutcome[]; idle: () => Promise<void>; log: ReturnType<typeof createTestLog> }> {
  const log = createTestLog();
  const queue = createInProcessQueue<ReviewJob>({ log: log.log });
  const outcomes: ReviewJobOutcome[] = [];
  const probot = createTestProbot();
  await probot.load(
    createApp({
      reviewChange: engine,
      queue,
      settings: readAppSettings({}),
      now: () => NOW,
      sleep: () => Promise.resolve(),
      log: log.log,
      onJobDone: (_job, outcome) => outcomes.push(outcome),
    }),
  );
  return { probot, outcomes, idle: () => queue.onIdle(), log };
}

/** The requests of a first review of PR #2 up to the engine: token, PR, config, comments, check run, state, files, merge base. */
function nockFirstReviewStart(checkRunSent: Sent): void {
  nockInstallationToken(1);
  nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
  nockConfig(REPO, undefined);
  nockListIssueComments(REPO, PR);
  nockCreateCheckRun(REPO, 77, checkRunSent);
  nockListReviews(REPO, PR);
  nockListReviewComments(REPO, PR);
  nockListFiles(REPO, PR, [{ filename: "src/greet.ts", status: "modified", patch: GREET_PATCH }]);
  nockCompare(REPO, BASE, HEAD, { status: "ahead", mergeBaseSha: BASE, files: ["src/greet.ts"] });
}

describe("createApp", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("renews the installation token for a review that outlasts the token's hour", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    const engine = fakeReviewChange(() => {
      vi.setSystemTime(NOW + 61 * 60_000);
      return Promise.resolve(emptyResult());
    });
    const { probot, outcomes, idle } = await startApp(engine);
    nockInstallationToken(1, { token: "ghs_first" });
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockConfig(REPO, undefined);
    nockListIssueComments(REPO, PR);
    nockCreateCheckRun(REPO, 77);
    nockListReviews(REPO, PR);
    nockListReviewComments(REPO, PR);
    nockListFiles(REPO, PR, [{ filename: "src/greet.ts", status: "modified", patch: GREET_PATCH }]);
    nockCompare(REPO, BASE, HEAD, { status: "ahead", mergeBaseSha: BASE });
    nockInstallationToken(1, { token: "ghs_second" });
    nock(GITHUB_API).get(`/repos/${REPO.owner}/${REPO.repo}/pulls/${PR}`).matchHeader("authorization", "token ghs_second").reply(200, pullRequestData({ number: PR, headSha: HEAD, baseSha: BASE }));
    nock(GITHUB_API).post(`/repos/${REPO.owner}/${REPO.repo}/pulls/${PR}/reviews`).matchHeader("authorization", "token ghs_second").reply(200, { id: 9001 });
    nock(GITHUB_API).patch(`/repos/${REPO.owner}/${REPO.repo}/check-runs/77`).matchHeader("authorization", "token ghs_second").reply(200, { id: 77 });

    await probot.receive(webhookEvent("pull_request.opened", "delivery-long"));
    await idle();

    expect(outcomes.map((o) => o.kind)).toEqual(["reviewed"]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("reviews an opened pull request: one check run, one review with the comment, exact requests", async () => {
    const engine = fakeReviewChange(emptyResult({ findings: [unusedVar.finding], comments: [unusedVar.comment], body: "### patchsmith review\n\n1 finding." }), {
      readHead: ["src/greet.ts"],
      readBase: ["src/greet.ts"],
    });
    const { probot, outcomes, idle } = await startApp(engine);
    const checkRuns: Sent = [];
    const reviews: Sent = [];
    nockFirstReviewStart(checkRuns);
    nockSnapshot(REPO, HEAD, { "src/greet.ts": GREET_HEAD, "package.json": "{}" });
    nockSnapshot(REPO, BASE, { "src/greet.ts": GREET_BASE, "package.json": "{}" });
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockCreateReview(REPO, PR, reviews);
    nockUpdateCheckRun(REPO, 77, checkRuns);

    await probot.receive(webhookEvent("pull_request.opened", "delivery-1"));
    await idle();

    expect(outcomes).toEqual([{ kind: "reviewed", reviewId: 9001, posted: 1, duplicates: 0, notInline: 0, conclusion: "neutral" }]);
    expect(nock.pendingMocks()).toEqual([]);
    expect(engine.reads).toEqual({ "head:src/greet.ts": { kind: "text", text: GREET_HEAD }, "base:src/greet.ts": { kind: "text", text: GREET_BASE } });
    expect(engine.calls[0]?.diff.map((d) => [d.path, d.status, d.hunks.length])).toEqual([["src/greet.ts", "modified", 1]]);
    expect(engine.calls[0]?.pr).toEqual({ title: "Update the README with new information.", body: "This is a pretty simple change that we need to pull into main." });
    expect(checkRuns[0]).toEqual({
      name: "patchsmith",
      head_sha: HEAD,
      status: "in_progress",
      started_at: "2024-05-01T12:00:00.000Z",
      output: { title: "Reviewing", summary: "patchsmith is reviewing ec26c3e." },
    });
    expect(reviews).toHaveLength(1);
    const review = reviews[0] as { commit_id: string; event: string; body: string; comments: unknown[] };
    expect(review.commit_id).toBe(HEAD);
    expect(review.event).toBe("COMMENT");
    expect(review.comments).toEqual([{ path: "src/greet.ts", line: 2, side: "RIGHT", body: unusedVar.comment.body }]);
    expect(review.body).toMatchSnapshot("review body");
    expect(review.body).toContain(renderReviewMarker({ sha: HEAD }));
    expect(checkRuns[1]).toMatchSnapshot("completed check run");
  });

  it("answers a redelivered webhook (same X-GitHub-Delivery) only once", async () => {
    const engine = fakeReviewChange(emptyResult());
    const { probot, outcomes, idle, log } = await startApp(engine);
    const reviews: Sent = [];
    nockFirstReviewStart([]);
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockCreateReview(REPO, PR, reviews);
    nockUpdateCheckRun(REPO, 77);

    await probot.receive(webhookEvent("pull_request.opened", "delivery-same"));
    await probot.receive(webhookEvent("pull_request.opened", "delivery-same"));
    await idle();
    await probot.receive(webhookEvent("pull_request.opened", "delivery-same"));
    await idle();

    expect(outcomes).toHaveLength(1);
    expect(reviews).toHaveLength(1);
    expect(engine.calls).toHaveLength(1);
    expect(log.messages("info").filter((m) => m.includes("already handled"))).toHaveLength(2);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("skips a draft pull request after reading the config: no check run, no review", async () => {
    const engine = fakeReviewChange(emptyResult());
    const { probot, outcomes, idle } = await startApp(engine);
    const payload = loadPayload("pull_request.opened");
    (payload.pull_request as { draft: boolean }).draft = true;
    nockInstallationToken(1);
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE, draft: true });
    nockConfig(REPO, undefined);

    await probot.receive(webhookEvent("pull_request.opened", "delivery-draft", payload));
    await idle();

    expect(outcomes).toEqual([{ kind: "skipped", reason: "draft pull request (set `drafts: true` to review drafts)" }]);
    expect(engine.calls).toHaveLength(0);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("reviews a draft when the config says `drafts: true`", async () => {
    const engine = fakeReviewChange(emptyResult());
    const { probot, outcomes, idle } = await startApp(engine);
    nockInstallationToken(1);
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE, draft: true });
    nockConfig(REPO, "drafts: true\n");
    nockListIssueComments(REPO, PR);
    nockCreateCheckRun(REPO, 77);
    nockListReviews(REPO, PR);
    nockListReviewComments(REPO, PR);
    nockListFiles(REPO, PR, [{ filename: "src/greet.ts", status: "modified", patch: GREET_PATCH }]);
    nockCompare(REPO, BASE, HEAD, { status: "ahead", mergeBaseSha: BASE });
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE, draft: true });
    nockCreateReview(REPO, PR);
    nockUpdateCheckRun(REPO, 77);

    await probot.receive(webhookEvent("pull_request.ready_for_review", "delivery-draft-2"));
    await idle();

    expect(outcomes.map((o) => o.kind)).toEqual(["reviewed"]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("does nothing at all for a closed pull request or one opened by a bot", async () => {
    const engine = fakeReviewChange(emptyResult());
    const { probot, outcomes, idle } = await startApp(engine);
    const byBot = loadPayload("pull_request.opened");
    (byBot.pull_request as { user: { login: string; type: string } }).user = { login: "dependabot[bot]", type: "Bot" };

    await probot.receive(webhookEvent("pull_request.closed", "delivery-closed"));
    await probot.receive(webhookEvent("pull_request.opened", "delivery-bot", byBot));
    await idle();

    expect(outcomes).toEqual([]);
    expect(engine.calls).toHaveLength(0);
  });

  it("on synchronize reviews only what changed since the last reviewed SHA and never reposts a comment", async () => {
    const newFinding = commentFor({ path: "src/greet.ts", line: 3, code: "return `hi ${name}`;", rule: "model/style", text: "Prefer a named constant." });
    const engine = fakeReviewChange(
      emptyResult({ findings: [unusedVar.finding, newFinding.finding], comments: [unusedVar.comment, newFinding.comment], body: "### patchsmith review\n\n2 findings." }),
    );
    const { probot, outcomes, idle } = await startApp(engine);
    const payload = loadPayload("pull_request.synchronize");
    (payload.pull_request as { head: { sha: string } }).head.sha = NEXT_HEAD;
    payload.after = NEXT_HEAD;
    payload.before = HEAD;
    const reviews: Sent = [];
    const checkRuns: Sent = [];
    nockInstallationToken(1);
    nockGetPull(REPO, { number: PR, headSha: NEXT_HEAD, baseSha: BASE });
    nockConfig(REPO, undefined);
    nockListIssueComments(REPO, PR);
    nockCreateCheckRun(REPO, 78, checkRuns);
    nockListReviews(REPO, PR, [{ id: 600, body: `### patchsmith review\n\n${renderStandingMarker([])}\n${renderReviewMarker({ sha: HEAD })}` }]);
    nockListReviewComments(REPO, PR, [{ body: unusedVar.comment.body, path: "src/greet.ts", line: 2 }]);
    nockListFiles(REPO, PR, [
      { filename: "src/greet.ts", status: "modified", patch: GREET_PATCH },
      { filename: "src/untouched.ts", status: "added", patch: "@@ -0,0 +1 @@\n+export const a = 1;" },
    ]);
    nockCompare(REPO, BASE, NEXT_HEAD, { status: "ahead", mergeBaseSha: BASE });
    nockCompare(REPO, HEAD, NEXT_HEAD, { status: "ahead", mergeBaseSha: HEAD, files: ["src/greet.ts"] });
    nockGetPull(REPO, { number: PR, headSha: NEXT_HEAD, baseSha: BASE });
    nockCreateReview(REPO, PR, reviews);
    nockUpdateCheckRun(REPO, 78, checkRuns);

    await probot.receive(webhookEvent("pull_request.synchronize", "delivery-sync", payload));
    await idle();

    expect(engine.calls[0]?.diff.map((d) => d.path)).toEqual(["src/greet.ts"]);
    expect(outcomes).toEqual([{ kind: "reviewed", reviewId: 9001, posted: 1, duplicates: 1, notInline: 0, conclusion: "neutral" }]);
    const review = reviews[0] as { commit_id: string; comments: { line: number }[]; body: string };
    expect(review.commit_id).toBe(NEXT_HEAD);
    expect(review.comments.map((c) => c.line)).toEqual([3]);
    expect(review.body).toContain("1 comment is already on this pull request and was not repeated.");
    expect((checkRuns[1] as { output: { summary: string } }).output.summary).toContain("| Scope | files changed since ec26c3e |");
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("on synchronize with only repeats posts no review, and says so in the check run", async () => {
    const engine = fakeReviewChange(emptyResult({ findings: [unusedVar.finding], comments: [unusedVar.comment] }));
    const { probot, outcomes, idle } = await startApp(engine);
    const payload = loadPayload("pull_request.synchronize");
    (payload.pull_request as { head: { sha: string } }).head.sha = NEXT_HEAD;
    const checkRuns: Sent = [];
    nockInstallationToken(1);
    nockGetPull(REPO, { number: PR, headSha: NEXT_HEAD, baseSha: BASE });
    nockConfig(REPO, undefined);
    nockListIssueComments(REPO, PR);
    nockCreateCheckRun(REPO, 78);
    nockListReviews(REPO, PR, [{ body: `${renderStandingMarker([])}\n${renderReviewMarker({ sha: HEAD })}` }]);
    nockListReviewComments(REPO, PR, [{ body: unusedVar.comment.body }]);
    nockListFiles(REPO, PR, [{ filename: "src/greet.ts", status: "modified", patch: GREET_PATCH }]);
    nockCompare(REPO, BASE, NEXT_HEAD, { status: "ahead", mergeBaseSha: BASE });
    nockCompare(REPO, HEAD, NEXT_HEAD, { status: "ahead", mergeBaseSha: HEAD, files: ["src/greet.ts"] });
    nockGetPull(REPO, { number: PR, headSha: NEXT_HEAD, baseSha: BASE });
    nockUpdateCheckRun(REPO, 78, checkRuns);

    await probot.receive(webhookEvent("pull_request.synchronize", "delivery-sync-2", payload));
    await idle();

    expect(outcomes).toEqual([{ kind: "reviewed", posted: 0, duplicates: 1, notInline: 0, conclusion: "neutral" }]);
    expect((checkRuns[0] as { output: { summary: string } }).output.summary).toContain("no review was posted");
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("after a force-push (last reviewed SHA gone) falls back to a full review", async () => {
    const engine = fakeReviewChange(emptyResult());
    const { probot, outcomes, idle } = await startApp(engine);
    const payload = loadPayload("pull_request.synchronize");
    (payload.pull_request as { head: { sha: string } }).head.sha = NEXT_HEAD;
    const checkRuns: Sent = [];
    nockInstallationToken(1);
    nockGetPull(REPO, { number: PR, headSha: NEXT_HEAD, baseSha: BASE });
    nockConfig(REPO, undefined);
    nockListIssueComments(REPO, PR);
    nockCreateCheckRun(REPO, 78);
    nockListReviews(REPO, PR, [{ body: `${renderStandingMarker([])}\n${renderReviewMarker({ sha: HEAD })}` }]);
    nockListReviewComments(REPO, PR);
    nockListFiles(REPO, PR, [
      { filename: "src/greet.ts", status: "modified", patch: GREET_PATCH },
      { filename: "src/other.ts", status: "added", patch: "@@ -0,0 +1 @@\n+export const a = 1;" },
    ]);
    nockCompare(REPO, BASE, NEXT_HEAD, { status: "ahead", mergeBaseSha: BASE });
    nockCompare(REPO, HEAD, NEXT_HEAD, 404);
    nockGetPull(REPO, { number: PR, headSha: NEXT_HEAD, baseSha: BASE });
    nockUpdateCheckRun(REPO, 78, checkRuns);

    await probot.receive(webhookEvent("pull_request.synchronize", "delivery-force", payload));
    await idle();

    expect(engine.calls[0]?.diff.map((d) => d.path)).toEqual(["src/greet.ts", "src/other.ts"]);
    expect(outcomes.map((o) => o.kind)).toEqual(["reviewed"]);
    expect((checkRuns[0] as { output: { summary: string } }).output.summary).toContain("full review (the last reviewed commit ec26c3e no longer exists (force-push))");
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("fails the check run on an invalid config, naming the field and the expected value, and does nothing else", async () => {
    const engine = fakeReviewChange(emptyResult());
    const { probot, outcomes, idle } = await startApp(engine);
    const checkRuns: Sent = [];
    nockInstallationToken(1);
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockConfig(REPO, "maxComments: lots\nseverity: critical\n");
    nockCreateCheckRun(REPO, 79, checkRuns);

    await probot.receive(webhookEvent("pull_request.opened", "delivery-invalid"));
    await idle();

    expect(outcomes.map((o) => o.kind)).toEqual(["invalid-config"]);
    expect(engine.calls).toHaveLength(0);
    const run = checkRuns[0] as { status: string; conclusion: string; output: { title: string; summary: string } };
    expect(run.status).toBe("completed");
    expect(run.conclusion).toBe("failure");
    expect(run.output.title).toBe("Invalid .github/patchsmith.yml");
    expect(run.output.summary).toContain("`maxComments`");
    expect(run.output.summary).toContain("`severity`");
    expect(run.output.summary).toMatchSnapshot("invalid config summary");
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("re-runs a full review when patchsmith's check run is re-requested", async () => {
    const engine = fakeReviewChange(emptyResult());
    const { probot, outcomes, idle } = await startApp(engine);
    const payload = loadPayload("check_run.rerequested");
    const checkRun = payload.check_run as { name: string; head_sha: string; pull_requests: unknown[] };
    checkRun.name = "patchsmith";
    checkRun.head_sha = HEAD;
    checkRun.pull_requests = [{ number: PR, head: { sha: HEAD, ref: "changes" }, base: { sha: BASE, ref: "main" } }];
    payload.repository = loadPayload("pull_request.opened").repository;
    nockInstallationToken(1);
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockConfig(REPO, undefined);
    nockListIssueComments(REPO, PR);
    nockCreateCheckRun(REPO, 80);
    // Already reviewed at HEAD: a re-run still reviews everything (and repeats nothing).
    nockListReviews(REPO, PR, [{ body: `${renderStandingMarker([])}\n${renderReviewMarker({ sha: HEAD })}` }]);
    nockListReviewComments(REPO, PR);
    nockListFiles(REPO, PR, [{ filename: "src/greet.ts", status: "modified", patch: GREET_PATCH }]);
    nockCompare(REPO, BASE, HEAD, { status: "ahead", mergeBaseSha: BASE });
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockUpdateCheckRun(REPO, 80);

    await probot.receive(webhookEvent("check_run.rerequested", "delivery-rerun", payload));
    await idle();

    expect(outcomes.map((o) => o.kind)).toEqual(["reviewed"]);
    expect(engine.calls[0]?.diff.map((d) => d.path)).toEqual(["src/greet.ts"]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("logs installation events and queues nothing", async () => {
    const engine = fakeReviewChange(emptyResult());
    const { probot, outcomes, idle, log } = await startApp(engine);
    await probot.receive(webhookEvent("installation.created", "delivery-install"));
    await idle();
    expect(outcomes).toEqual([]);
    expect(log.messages("info")).toEqual(["Installation event installation.created for Codertocat"]);
  });

  it("ignores a re-requested check run that is not patchsmith's", async () => {
    const engine = fakeReviewChange(emptyResult());
    const { probot, outcomes, idle } = await startApp(engine);
    await probot.receive(webhookEvent("check_run.rerequested", "delivery-other-check"));
    await idle();
    expect(outcomes).toEqual([]);
  });
});
