import nock from "nock";
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { composeReviewBody } from "../../src/github/compose-review-body.js";
import type { ReviewJob } from "../../src/github/review-job.js";
import { runReviewJob, type ReviewJobDeps } from "../../src/jobs/run-review-job.js";
import { renderReviewMarker, type StandingFile } from "../../src/review/markers.js";
import type { ReviewChange } from "../../src/pipeline/review-types.js";
import { createTestLog } from "../helpers/create-test-log.js";
import { commentFor, emptyResult, fakeReviewChange } from "../helpers/fake-review-change.js";
import {
  nockCompare,
  nockConfig,
  nockCreateCheckRun,
  nockCreateReview,
  nockGetPull,
  nockListFiles,
  nockListIssueComments,
  nockListReviewComments,
  nockListReviews,
  nockUpdateCheckRun,
  type AuthoredBody,
  type ListedFile,
  type Sent,
} from "../helpers/nock-github.js";

const REPO = { owner: "octo-org", repo: "widgets" };
const PR = 7;
const OLD = "1".repeat(40);
const HEAD = "a".repeat(40);
const BASE = "b".repeat(40);
const MERGE_BASE = "c".repeat(40);
const NOW = Date.parse("2024-05-01T12:00:00Z");
const FAIL_ON_ERROR = "failOn: error\n";

const APP_FILE: ListedFile = { filename: "src/app.ts", status: "modified", patch: "@@ -1,2 +1,3 @@\n line1\n+line2\n line3" };
const NOTES_FILE: ListedFile = { filename: "NOTES.md", status: "added", patch: "@@ -0,0 +1 @@\n+notes" };
const STANDING_ERROR: StandingFile[] = [{ path: "src/app.ts", error: 1, warning: 0, info: 0 }];

const job = (trigger: ReviewJob["trigger"]): ReviewJob => ({ kind: "review", deliveryId: "d-1", installationId: 42, owner: REPO.owner, repo: REPO.repo, pullNumber: PR, headSha: HEAD, trigger });
const signal = new AbortController().signal;

function deps(engine: ReviewChange): ReviewJobDeps {
  const octokit = new ProbotOctokit({ auth: { token: "ghs_test" }, retry: { enabled: false }, throttle: { enabled: false } });
  return { getOctokit: () => Promise.resolve(octokit), reviewChange: engine, now: () => NOW, log: createTestLog().log, fetchConcurrency: 4, progressIntervalMs: 10_000 };
}

/** A review patchsmith posted on `sha`, recording `standing`. */
function reviewOn(sha: string, standing: readonly StandingFile[]): AuthoredBody {
  return { id: 800, body: composeReviewBody({ summary: "### patchsmith review", headSha: sha, standing, notInline: [], duplicates: 0 }) };
}

/** Every call of a run up to the engine, with `reviews` already on the pull request. */
function nockRun(params: { reviews: readonly AuthoredBody[]; files: readonly ListedFile[]; checkRuns: Sent; comments?: readonly (AuthoredBody & { readonly path?: string })[] }): void {
  nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE, changedFiles: params.files.length });
  nockConfig(REPO, FAIL_ON_ERROR);
  nockListIssueComments(REPO, PR);
  nockCreateCheckRun(REPO, 11, params.checkRuns);
  nockListReviews(REPO, PR, params.reviews);
  nockListReviewComments(REPO, PR, params.comments ?? []);
  nockListFiles(REPO, PR, params.files);
  nockCompare(REPO, BASE, HEAD, { status: "ahead", mergeBaseSha: MERGE_BASE });
  nockUpdateCheckRun(REPO, 11, params.checkRuns);
}

describe("the failOn gate cannot be turned green", () => {
  it("a push that only adds NOTES.md keeps the check failing: the error recorded on src/app.ts still stands", async () => {
    const engine = fakeReviewChange(emptyResult());
    const checkRuns: Sent = [];
    nockRun({ reviews: [reviewOn(OLD, STANDING_ERROR)], files: [APP_FILE, NOTES_FILE], checkRuns });
    nockCompare(REPO, OLD, HEAD, { status: "ahead", mergeBaseSha: OLD, files: ["NOTES.md"] });
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });

    const outcome = await runReviewJob(deps(engine), job("synchronize"), signal);

    expect(engine.calls[0]?.diff.map((d) => d.path)).toEqual(["NOTES.md"]);
    expect(outcome).toMatchObject({ kind: "reviewed", conclusion: "failure" });
    expect(checkRuns.at(-1)).toMatchObject({ conclusion: "failure", output: { title: expect.stringContaining("1 error still standing from earlier reviews") as string } });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("a push that fixes src/app.ts turns it green: the file was analysed again and nothing stands", async () => {
    const engine = fakeReviewChange(emptyResult());
    const checkRuns: Sent = [];
    nockRun({ reviews: [reviewOn(OLD, STANDING_ERROR)], files: [APP_FILE], checkRuns });
    nockCompare(REPO, OLD, HEAD, { status: "ahead", mergeBaseSha: OLD, files: ["src/app.ts"] });
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });

    expect(await runReviewJob(deps(engine), job("synchronize"), signal)).toMatchObject({ kind: "reviewed", conclusion: "success" });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("a push that makes src/app.ts impossible to analyse (skipped) keeps its recorded error standing", async () => {
    const engine = fakeReviewChange(emptyResult({ skipped: [{ path: "src/app.ts", reason: "its brackets nest 20,000 levels deep" }] }));
    const checkRuns: Sent = [];
    nockRun({ reviews: [reviewOn(OLD, STANDING_ERROR)], files: [APP_FILE], checkRuns });
    nockCompare(REPO, OLD, HEAD, { status: "ahead", mergeBaseSha: OLD, files: ["src/app.ts"] });
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });

    expect(await runReviewJob(deps(engine), job("synchronize"), signal)).toMatchObject({ kind: "reviewed", conclusion: "failure" });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it.each(["reopened", "synchronize", "opened", "ready_for_review"] as const)("a %s event on a head already reviewed reports the recorded conclusion, not success", async (trigger) => {
    const engine = fakeReviewChange(emptyResult());
    const checkRuns: Sent = [];
    nockRun({ reviews: [reviewOn(HEAD, STANDING_ERROR)], files: [APP_FILE], checkRuns });

    expect(await runReviewJob(deps(engine), job(trigger), signal)).toEqual({ kind: "up-to-date", conclusion: "failure" });
    expect(engine.calls).toHaveLength(0);
    expect(checkRuns.at(-1)).toMatchObject({ conclusion: "failure", output: { title: "Already reviewed", summary: expect.stringContaining("1 error in `src/app.ts`") as string } });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("a worker killed after its review landed: the retried job finds that review and fails the check again", async () => {
    const c = commentFor({ path: "src/app.ts", line: 2, code: "line2", rule: "ts/TS2322", text: "Type 'string' is not assignable to type 'number'." });
    const engine = fakeReviewChange(emptyResult({ findings: [c.finding], comments: [c.comment] }));
    const posted: Sent = [];
    const firstRun: Sent = [];
    nockRun({ reviews: [], files: [APP_FILE], checkRuns: firstRun });
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockCreateReview(REPO, PR, posted);
    expect(await runReviewJob(deps(engine), job("opened"), signal)).toMatchObject({ kind: "reviewed", conclusion: "failure" });

    // The worker died before it could acknowledge the job: the queue runs it again.
    const landed = posted[0] as { body: string; comments: { body: string; path: string }[] };
    const retry: Sent = [];
    nockRun({ reviews: [{ id: 9001, body: landed.body }], comments: landed.comments.map((x) => ({ body: x.body, path: x.path })), files: [APP_FILE], checkRuns: retry });
    expect(await runReviewJob(deps(engine), job("opened"), signal)).toEqual({ kind: "up-to-date", conclusion: "failure" });
    expect(retry.at(-1)).toMatchObject({ conclusion: "failure" });
    expect(engine.calls).toHaveLength(1);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("a re-run on a reviewed head that finds the recorded error gone posts the new record, so a later reopen stays green", async () => {
    const engine = fakeReviewChange(emptyResult());
    const checkRuns: Sent = [];
    const posted: Sent = [];
    nockRun({ reviews: [reviewOn(HEAD, STANDING_ERROR)], files: [APP_FILE], checkRuns });
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockCreateReview(REPO, PR, posted);

    expect(await runReviewJob(deps(engine), job("rerequested"), signal)).toMatchObject({ kind: "reviewed", conclusion: "success" });
    const body = (posted[0] as { body: string }).body;

    const reopened: Sent = [];
    nockRun({ reviews: [reviewOn(HEAD, STANDING_ERROR), { id: 9001, body }], files: [APP_FILE], checkRuns: reopened });
    expect(await runReviewJob(deps(engine), job("reopened"), signal)).toEqual({ kind: "up-to-date", conclusion: "success" });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("a review by an earlier patchsmith (no standing findings recorded) is not taken as green: everything is reviewed and the record posted", async () => {
    const c = commentFor({ path: "src/app.ts", line: 2, code: "line2", rule: "ts/TS2322", text: "Type 'string' is not assignable to type 'number'." });
    const engine = fakeReviewChange(emptyResult({ findings: [c.finding], comments: [c.comment] }));
    const checkRuns: Sent = [];
    const posted: Sent = [];
    nockRun({ reviews: [{ id: 800, body: `### patchsmith review\n\n${renderReviewMarker({ sha: HEAD })}` }], comments: [{ body: c.comment.body, path: "src/app.ts" }], files: [APP_FILE], checkRuns });
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockCreateReview(REPO, PR, posted);

    expect(await runReviewJob(deps(engine), job("reopened"), signal)).toMatchObject({ kind: "reviewed", conclusion: "failure", duplicates: 1, posted: 0 });
    expect((posted[0] as { body: string }).body).toContain("<!-- patchsmith:standing v1 ");
    expect(nock.pendingMocks()).toEqual([]);
  });
});
