import nock from "nock";
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { composeReviewBody } from "../../src/github/compose-review-body.js";
import { createWriteLimiter } from "../../src/github/create-write-limiter.js";
import { guardWrites } from "../../src/github/guard-writes.js";
import type { ReviewJob } from "../../src/github/review-job.js";
import { runReviewJob, type ReviewJobDeps } from "../../src/jobs/run-review-job.js";
import { SupersededError } from "../../src/jobs/superseded-error.js";
import { renderPausedMarker, renderReviewMarker } from "../../src/review/markers.js";
import type { ReviewChange } from "../../src/pipeline/review-types.js";
import { createTestLog } from "../helpers/create-test-log.js";
import { commentFor, emptyResult, fakeReviewChange } from "../helpers/fake-review-change.js";
import {
  nockCompare,
  nockConfig,
  GITHUB_API,
  nockCreateCheckRun,
  nockCreateReview,
  nockCreateReviewComment,
  nockGetPull,
  nockListFiles,
  nockListIssueComments,
  nockListReviewComments,
  nockListReviews,
  nockSnapshot,
  nockUpdateCheckRun,
  secondaryRateLimitReply,
  type ListedFile,
  type Sent,
} from "../helpers/nock-github.js";

const REPO = { owner: "octo-org", repo: "widgets" };
const PR = 7;
const HEAD = "a".repeat(40);
const BASE = "b".repeat(40);
const MERGE_BASE = "c".repeat(40);
const NOW = Date.parse("2024-05-01T12:00:00Z");

const job: ReviewJob = { kind: "review", deliveryId: "d-1", installationId: 42, owner: REPO.owner, repo: REPO.repo, pullNumber: PR, headSha: HEAD, trigger: "opened" };

function harness(engine: ReviewChange, options: { now?: () => number; progressIntervalMs?: number } = {}) {
  const log = createTestLog();
  const sleeps: number[] = [];
  const enqueued: ReviewJob[] = [];
  const octokit = new ProbotOctokit({ auth: { token: "ghs_test" }, retry: { enabled: false }, throttle: { enabled: false } });
  const now = options.now ?? (() => NOW);
  const sleep = (ms: number): Promise<void> => {
    sleeps.push(ms);
    return Promise.resolve();
  };
  guardWrites(octokit, { limiter: createWriteLimiter({ perMinute: 80, now, sleep }), sleep, log: log.log });
  const deps: ReviewJobDeps = {
    getOctokit: () => Promise.resolve(octokit),
    reviewChange: engine,
    enqueue: (next) => enqueued.push(next),
    now,
    log: log.log,
    fetchConcurrency: 4,
    progressIntervalMs: options.progressIntervalMs ?? 10_000,
  };
  return { deps, log, sleeps, enqueued };
}

/** Everything up to the engine for a first review of PR #7. */
function nockUntilEngine(files: readonly ListedFile[], options: { checkRuns?: Sent; changedFiles?: number } = {}): void {
  nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE, changedFiles: options.changedFiles ?? files.length });
  nockConfig(REPO, undefined);
  nockListIssueComments(REPO, PR);
  nockCreateCheckRun(REPO, 11, options.checkRuns);
  nockListReviews(REPO, PR);
  nockListReviewComments(REPO, PR);
  nockListFiles(REPO, PR, files);
  nockCompare(REPO, BASE, HEAD, { status: "ahead", mergeBaseSha: MERGE_BASE });
}

const signal = new AbortController().signal;
/** A GitHub that never answers. */
const never = (): Promise<[number, Record<string, unknown>]> => new Promise(() => undefined);
const comment = (line: number, text = `finding on line ${line}`) => commentFor({ path: "src/app.ts", line, code: `code ${line}`, rule: "eslint/demo", text });
const APP_PATCH = "@@ -1,2 +1,5 @@\n line1\n+line2\n+line3\n+line4\n line5";

describe("runReviewJob", () => {
  it("passes a PR whose only change is a deleted file to the engine as one removed file, reading nothing at head", async () => {
    const engine = fakeReviewChange(emptyResult({ body: "### patchsmith review\n\nNothing to review: no changed TypeScript or JavaScript." }), { readBase: ["src/old.ts"] });
    const { deps } = harness(engine);
    const reviews: Sent = [];
    nockUntilEngine([{ filename: "src/old.ts", status: "removed", patch: "@@ -1,2 +0,0 @@\n-export const a = 1;\n-export const b = 2;" }]);
    nockSnapshot(REPO, MERGE_BASE, { "src/old.ts": "export const a = 1;\nexport const b = 2;\n" });
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockCreateReview(REPO, PR, reviews);
    nockUpdateCheckRun(REPO, 11);

    const outcome = await runReviewJob(deps, job, signal);

    expect(outcome).toEqual({ kind: "reviewed", reviewId: 9001, posted: 0, duplicates: 0, notInline: 0, conclusion: "success" });
    const diff = engine.calls[0]?.diff ?? [];
    expect(diff.map((d) => ({ path: d.path, status: d.status, lines: d.hunks[0]?.lines.map((l) => l.kind) }))).toEqual([{ path: "src/old.ts", status: "removed", lines: ["del", "del"] }]);
    expect(engine.reads["base:src/old.ts"]).toEqual({ kind: "text", text: "export const a = 1;\nexport const b = 2;\n" });
    expect((reviews[0] as { comments: unknown[] }).comments).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("posts the review when creating and completing the check run hang: each check-run call has a time limit and is logged", async () => {
    const engine = fakeReviewChange(emptyResult({ body: "### patchsmith review\n\nNothing to review: no changed TypeScript or JavaScript." }), { readBase: ["src/old.ts"] });
    const { deps, log } = harness(engine);
    const reviews: Sent = [];
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE, changedFiles: 1 });
    nockConfig(REPO, undefined);
    nockListIssueComments(REPO, PR);
    // GitHub never answers the check-run calls (the time limit aborts them).
    nock(GITHUB_API).post(`/repos/${REPO.owner}/${REPO.repo}/check-runs`).reply(() => never());
    nockListReviews(REPO, PR);
    nockListReviewComments(REPO, PR);
    nockListFiles(REPO, PR, [{ filename: "src/old.ts", status: "removed", patch: "@@ -1,2 +0,0 @@\n-export const a = 1;\n-export const b = 2;" }]);
    nockCompare(REPO, BASE, HEAD, { status: "ahead", mergeBaseSha: MERGE_BASE });
    nockSnapshot(REPO, MERGE_BASE, { "src/old.ts": "export const a = 1;\nexport const b = 2;\n" });
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockCreateReview(REPO, PR, reviews);

    const outcome = await runReviewJob({ ...deps, checkRunTimeoutMs: 50 }, job, signal);

    expect(outcome).toEqual({ kind: "reviewed", reviewId: 9001, posted: 0, duplicates: 0, notInline: 0, conclusion: "success" });
    expect(reviews).toHaveLength(1);
    expect(log.messages("warn")).toContain("Could not create the check run; the review goes on without it");
  });

  it("posts the review when a check-run update (progress, completion) hangs", async () => {
    const engine = fakeReviewChange(emptyResult({ body: "### patchsmith review\n\nNothing to review: no changed TypeScript or JavaScript." }), { readBase: ["src/old.ts"] });
    const { deps, log } = harness(engine);
    const reviews: Sent = [];
    nockUntilEngine([{ filename: "src/old.ts", status: "removed", patch: "@@ -1,2 +0,0 @@\n-export const a = 1;\n-export const b = 2;" }]);
    nockSnapshot(REPO, MERGE_BASE, { "src/old.ts": "export const a = 1;\nexport const b = 2;\n" });
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockCreateReview(REPO, PR, reviews);
    nock(GITHUB_API).patch(`/repos/${REPO.owner}/${REPO.repo}/check-runs/11`).reply(() => never());

    const outcome = await runReviewJob({ ...deps, checkRunTimeoutMs: 50 }, job, signal);

    expect(outcome.kind).toBe("reviewed");
    expect(reviews).toHaveLength(1);
    expect(log.messages("warn")).toContain("Could not complete the check run; the review goes on without it");
  });

  it("reads a renamed file at its old path on the merge base and its new path at head", async () => {
    const engine = fakeReviewChange(emptyResult(), { readHead: ["src/new-name.ts"], readBase: ["src/old-name.ts", "src/new-name.ts"] });
    const { deps } = harness(engine);
    nockUntilEngine([{ filename: "src/new-name.ts", previous_filename: "src/old-name.ts", status: "renamed", patch: "@@ -1 +1 @@\n-export const x = 1;\n+export const x = 2;" }]);
    nockSnapshot(REPO, MERGE_BASE, { "src/old-name.ts": "export const x = 1;\n" });
    nockSnapshot(REPO, HEAD, { "src/new-name.ts": "export const x = 2;\n" });
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockCreateReview(REPO, PR);
    nockUpdateCheckRun(REPO, 11);

    await runReviewJob(deps, job, signal);

    expect(engine.calls[0]?.diff.map((d) => [d.path, d.oldPath, d.status])).toEqual([["src/new-name.ts", "src/old-name.ts", "renamed"]]);
    expect(engine.reads).toEqual({
      "head:src/new-name.ts": { kind: "text", text: "export const x = 2;\n" },
      "base:src/old-name.ts": { kind: "text", text: "export const x = 1;\n" },
      "base:src/new-name.ts": { kind: "missing" },
    });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("lists all 400 files of a large PR, 100 a page", async () => {
    const engine = fakeReviewChange(emptyResult());
    const { deps } = harness(engine);
    const files = Array.from({ length: 400 }, (_, i) => ({ filename: `src/file-${String(i).padStart(3, "0")}.ts`, status: "added", patch: "@@ -0,0 +1 @@\n+export {};" }));
    const checkRuns: Sent = [];
    nockUntilEngine(files, { checkRuns });
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockCreateReview(REPO, PR);
    nockUpdateCheckRun(REPO, 11, checkRuns);

    await runReviewJob(deps, job, signal);

    expect(engine.calls[0]?.diff).toHaveLength(400);
    expect(engine.calls[0]?.diff.at(-1)?.path).toBe("src/file-399.ts");
    expect((checkRuns[1] as { output: { summary: string } }).output.summary).toContain("400 of 400 in scope");
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("says so in the review and the check run when GitHub's 3,000-file cap cut the list short", async () => {
    const engine = fakeReviewChange(emptyResult());
    const { deps } = harness(engine);
    const files = Array.from({ length: 3000 }, (_, i) => ({ filename: `gen/f${i}.ts`, status: "added", patch: "@@ -0,0 +1 @@\n+export {};" }));
    const checkRuns: Sent = [];
    const reviews: Sent = [];
    nockUntilEngine(files, { checkRuns, changedFiles: 3412 });
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockCreateReview(REPO, PR, reviews);
    nockUpdateCheckRun(REPO, 11, checkRuns);

    await runReviewJob(deps, job, signal);

    expect(engine.calls[0]?.diff).toHaveLength(3000);
    const cap = "GitHub lists at most 3,000 files of a pull request and this one changes 3,412; only the first 3,000 were reviewed.";
    expect((reviews[0] as { body: string }).body).toContain(cap);
    expect((checkRuns[1] as { output: { summary: string } }).output.summary).toContain(cap);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("on a 422 posts the body alone, then each comment on its own, dropping only the broken one and logging the bug", async () => {
    const good1 = comment(2);
    const broken = comment(3, "GitHub will refuse this one");
    const good2 = comment(4);
    const engine = fakeReviewChange(emptyResult({ findings: [good1.finding, broken.finding, good2.finding], comments: [good1.comment, broken.comment, good2.comment] }));
    const { deps, log } = harness(engine);
    const reviews: Sent = [];
    const singles: Sent = [];
    const checkRuns: Sent = [];
    nockUntilEngine([{ filename: "src/app.ts", status: "modified", patch: APP_PATCH }], { checkRuns });
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockCreateReview(REPO, PR, reviews, [422, { message: "Unprocessable Entity", errors: ["Line could not be resolved"] }]);
    nockCreateReview(REPO, PR, reviews, [200, { id: 9002 }]);
    nockCreateReviewComment(REPO, PR, singles);
    nockCreateReviewComment(REPO, PR, singles, [422, { message: "Validation Failed", errors: [{ field: "line", code: "invalid" }] }]);
    nockCreateReviewComment(REPO, PR, singles);
    nockUpdateCheckRun(REPO, 11, checkRuns);

    const outcome = await runReviewJob(deps, job, signal);

    expect(outcome).toEqual({ kind: "reviewed", reviewId: 9002, posted: 2, duplicates: 0, notInline: 1, conclusion: "neutral" });
    expect(reviews.map((r) => (r as { comments: unknown[] }).comments.length)).toEqual([3, 0]);
    expect(singles).toEqual([good1, broken, good2].map((c) => ({ commit_id: HEAD, path: "src/app.ts", line: c.comment.line, side: "RIGHT", body: c.comment.body })));
    expect(log.messages("error").filter((m) => m.startsWith("BUG:"))).toHaveLength(2);
    expect((checkRuns[1] as { output: { summary: string } }).output.summary).toContain("2 posted, 0 already on the PR, 1 in the review body instead");
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("waits out a secondary rate limit on createReview and posts the review once", async () => {
    const c = comment(2);
    const engine = fakeReviewChange(emptyResult({ findings: [c.finding], comments: [c.comment] }));
    const { deps, sleeps, log } = harness(engine);
    const reviews: Sent = [];
    nockUntilEngine([{ filename: "src/app.ts", status: "modified", patch: APP_PATCH }]);
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockCreateReview(REPO, PR, reviews, secondaryRateLimitReply(37));
    nockCreateReview(REPO, PR, reviews, [200, { id: 9003 }]);
    nockUpdateCheckRun(REPO, 11);

    const outcome = await runReviewJob(deps, job, signal);

    expect(outcome).toMatchObject({ kind: "reviewed", reviewId: 9003, posted: 1 });
    expect(sleeps).toEqual([37_000]);
    expect(reviews).toHaveLength(2);
    expect(reviews[0]).toEqual(reviews[1]);
    expect(log.messages("warn")).toEqual(["GitHub secondary rate limit on POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews; retrying in 37 s"]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("checks before re-sending a review after a 502: it had landed, so it is not posted twice", async () => {
    const c = comment(2);
    const engine = fakeReviewChange(emptyResult({ findings: [c.finding], comments: [c.comment] }));
    const { deps } = harness(engine);
    const reviews: Sent = [];
    nockUntilEngine([{ filename: "src/app.ts", status: "modified", patch: APP_PATCH }]);
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockCreateReview(REPO, PR, reviews, [502, { message: "Bad Gateway" }]);
    nockListReviews(REPO, PR, [{ id: 9004, body: `### patchsmith review\n\n${renderReviewMarker({ sha: HEAD })}` }]);
    nockUpdateCheckRun(REPO, 11);

    const outcome = await runReviewJob(deps, job, signal);

    expect(outcome).toMatchObject({ kind: "reviewed", reviewId: 9004 });
    expect(reviews).toHaveLength(1);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("re-sends a review once after a 502 when it did not land", async () => {
    const engine = fakeReviewChange(emptyResult());
    const { deps } = harness(engine);
    const reviews: Sent = [];
    nockUntilEngine([{ filename: "src/app.ts", status: "modified", patch: APP_PATCH }]);
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockCreateReview(REPO, PR, reviews, [502, { message: "Bad Gateway" }]);
    nockListReviews(REPO, PR, [{ id: 1, body: "LGTM", user: { login: "octocat", type: "User" } }]);
    nockCreateReview(REPO, PR, reviews, [200, { id: 9005 }]);
    nockUpdateCheckRun(REPO, 11);

    const outcome = await runReviewJob(deps, job, signal);

    expect(outcome).toMatchObject({ kind: "reviewed", reviewId: 9005 });
    expect(reviews).toHaveLength(2);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("moves a comment the diff cannot hold into the review body instead of sending it", async () => {
    const inside = comment(2);
    const outside = comment(40, "not in any hunk");
    const engine = fakeReviewChange(emptyResult({ findings: [inside.finding, outside.finding], comments: [inside.comment, outside.comment] }));
    const { deps, log } = harness(engine);
    const reviews: Sent = [];
    nockUntilEngine([{ filename: "src/app.ts", status: "modified", patch: APP_PATCH }]);
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockCreateReview(REPO, PR, reviews);
    nockUpdateCheckRun(REPO, 11);

    const outcome = await runReviewJob(deps, job, signal);

    expect(outcome).toMatchObject({ kind: "reviewed", posted: 1, notInline: 1 });
    const review = reviews[0] as { comments: { line: number }[]; body: string };
    expect(review.comments.map((c) => c.line)).toEqual([2]);
    expect(review.body).toContain("<code>src/app.ts</code> line 40 (lines 40..40 of src/app.ts are not inside one hunk of the diff)");
    expect(log.messages("error")).toEqual(["BUG: a comment failed the anchor check: lines 40..40 of src/app.ts are not inside one hunk of the diff"]);
  });

  it("stops without posting when the head moved during the review, and queues the new head", async () => {
    const engine = fakeReviewChange(emptyResult({ comments: [comment(2).comment] }));
    const { deps, enqueued } = harness(engine);
    const checkRuns: Sent = [];
    nockUntilEngine([{ filename: "src/app.ts", status: "modified", patch: APP_PATCH }], { checkRuns });
    nockGetPull(REPO, { number: PR, headSha: "d".repeat(40), baseSha: BASE });
    nockUpdateCheckRun(REPO, 11, checkRuns);

    const outcome = await runReviewJob(deps, job, signal);

    expect(outcome).toEqual({ kind: "stopped", reason: "the head moved to ddddddd while aaaaaaa was reviewed" });
    expect(checkRuns[1]).toMatchObject({ status: "completed", conclusion: "neutral", output: { title: "Stopped" } });
    expect(enqueued).toEqual([{ ...job, headSha: "d".repeat(40), trigger: "synchronize" }]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("posts nothing when the pull request was closed during the review", async () => {
    const engine = fakeReviewChange(emptyResult({ comments: [comment(2).comment] }));
    const { deps, enqueued } = harness(engine);
    nockUntilEngine([{ filename: "src/app.ts", status: "modified", patch: APP_PATCH }]);
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE, state: "closed" });
    nockUpdateCheckRun(REPO, 11);

    expect(await runReviewJob(deps, job, signal)).toEqual({ kind: "stopped", reason: "the pull request was closed while it was reviewed" });
    expect(enqueued).toEqual([]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("stops when its signal aborts (a newer push superseded it) and completes the check run as neutral", async () => {
    const controller = new AbortController();
    const engine = fakeReviewChange((params) => {
      controller.abort(new SupersededError("Job x was superseded by y"));
      params.signal?.throwIfAborted();
      return Promise.resolve(emptyResult());
    });
    const { deps } = harness(engine);
    const checkRuns: Sent = [];
    nockUntilEngine([{ filename: "src/app.ts", status: "modified", patch: APP_PATCH }], { checkRuns });
    nockUpdateCheckRun(REPO, 11, checkRuns);

    const outcome = await runReviewJob(deps, job, controller.signal);

    expect(outcome).toEqual({ kind: "stopped", reason: "Job x was superseded by y" });
    expect(checkRuns[1]).toMatchObject({ conclusion: "neutral", output: { summary: "This review was stopped: Job x was superseded by y." } });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("does nothing twice for a head it already reviewed (a redelivery after a restart): the check run says so", async () => {
    const engine = fakeReviewChange(emptyResult());
    const { deps } = harness(engine);
    const checkRuns: Sent = [];
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockConfig(REPO, undefined);
    nockListIssueComments(REPO, PR);
    nockCreateCheckRun(REPO, 11, checkRuns);
    nockListReviews(REPO, PR, [{ body: composeReviewBody({ summary: "### patchsmith review", headSha: HEAD, standing: [], notInline: [], duplicates: 0 }) }]);
    nockListReviewComments(REPO, PR);
    nockListFiles(REPO, PR, [{ filename: "src/app.ts", status: "modified", patch: APP_PATCH }]);
    nockCompare(REPO, BASE, HEAD, { status: "ahead", mergeBaseSha: MERGE_BASE });
    nockUpdateCheckRun(REPO, 11, checkRuns);

    expect(await runReviewJob(deps, { ...job, trigger: "synchronize" }, signal)).toEqual({ kind: "up-to-date", conclusion: "success" });
    expect(engine.calls).toHaveLength(0);
    expect(checkRuns[1]).toMatchObject({ conclusion: "success", output: { title: "Already reviewed" } });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("skips a PR whose head already moved on before the job started, and queues the new head", async () => {
    const { deps, enqueued } = harness(fakeReviewChange(emptyResult()));
    nockGetPull(REPO, { number: PR, headSha: "e".repeat(40), baseSha: BASE });
    const outcome = await runReviewJob(deps, job, signal);
    expect(outcome).toEqual({ kind: "skipped", reason: "the head moved on to eeeeeee" });
    expect(enqueued.map((j) => j.headSha)).toEqual(["e".repeat(40)]);
  });

  it("skips a PR whose reviews are paused by the app's marker", async () => {
    const engine = fakeReviewChange(emptyResult());
    const { deps } = harness(engine);
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockConfig(REPO, undefined);
    nockListIssueComments(REPO, PR, [{ body: `Reviews paused. ${renderPausedMarker()}` }]);
    const outcome = await runReviewJob(deps, job, signal);
    expect(outcome).toEqual({ kind: "skipped", reason: "reviews are paused on this pull request" });
    expect(engine.calls).toHaveLength(0);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("ignores a paused marker written by a person (markers count only from the app)", async () => {
    const { deps } = harness(fakeReviewChange(emptyResult()));
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockConfig(REPO, undefined);
    nockListIssueComments(REPO, PR, [{ body: renderPausedMarker(), user: { login: "mallory", type: "User" } }]);
    nockCreateCheckRun(REPO, 11);
    nockListReviews(REPO, PR);
    nockListReviewComments(REPO, PR);
    nockListFiles(REPO, PR, []);
    nockCompare(REPO, BASE, HEAD, { status: "ahead", mergeBaseSha: MERGE_BASE });
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockCreateReview(REPO, PR);
    nockUpdateCheckRun(REPO, 11);
    expect((await runReviewJob(deps, job, signal)).kind).toBe("reviewed");
  });

  it("fails the check on findings only when the config's failOn asks for it", async () => {
    const c = comment(2);
    const engine = fakeReviewChange(emptyResult({ findings: [c.finding], comments: [c.comment] }));
    const { deps } = harness(engine);
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockConfig(REPO, "failOn: error\n");
    nockListIssueComments(REPO, PR);
    nockCreateCheckRun(REPO, 11);
    nockListReviews(REPO, PR);
    nockListReviewComments(REPO, PR);
    nockListFiles(REPO, PR, [{ filename: "src/app.ts", status: "modified", patch: APP_PATCH }]);
    nockCompare(REPO, BASE, HEAD, { status: "ahead", mergeBaseSha: MERGE_BASE });
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockCreateReview(REPO, PR);
    nockUpdateCheckRun(REPO, 11);
    expect(await runReviewJob(deps, job, signal)).toMatchObject({ kind: "reviewed", conclusion: "failure" });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("reports progress on the check run when the clock moves past the interval", async () => {
    let clock = NOW;
    const engine = fakeReviewChange((params) => {
      clock += 20_000;
      params.onProgress?.({ stage: "analyze", done: 3, total: 8 });
      params.onProgress?.({ stage: "analyze", done: 4, total: 8 });
      return Promise.resolve(emptyResult());
    });
    const { deps } = harness(engine, { now: () => clock });
    const checkRuns: Sent = [];
    nockUntilEngine([{ filename: "src/app.ts", status: "modified", patch: APP_PATCH }], { checkRuns });
    nockUpdateCheckRun(REPO, 11, checkRuns);
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockCreateReview(REPO, PR);
    nockUpdateCheckRun(REPO, 11, checkRuns);

    await runReviewJob(deps, job, signal);

    expect(checkRuns[1]).toEqual({ output: { title: "Analysing files (3 / 8)", summary: "patchsmith is reviewing this commit: analysing files (3 / 8)." } });
    expect(checkRuns).toHaveLength(3);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("reports an engine failure on the check run (neutral) instead of leaving it in progress", async () => {
    const engine = fakeReviewChange(() => Promise.reject(new Error("the language service crashed")));
    const { deps, log } = harness(engine);
    const checkRuns: Sent = [];
    nockUntilEngine([{ filename: "src/app.ts", status: "modified", patch: APP_PATCH }], { checkRuns });
    nockUpdateCheckRun(REPO, 11, checkRuns);

    expect(await runReviewJob(deps, job, signal)).toEqual({ kind: "failed", message: "the language service crashed" });
    expect(checkRuns[1]).toMatchObject({ status: "completed", conclusion: "neutral", output: { title: "patchsmith could not finish this review" } });
    expect(log.messages("error")).toEqual(["Review of octo-org/widgets#7 failed"]);
  });
});
