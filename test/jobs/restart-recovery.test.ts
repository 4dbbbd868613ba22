import nock from "nock";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { readAppSettings } from "../../src/config/app-settings.js";
import { createInProcessQueue } from "../../src/jobs/create-in-process-queue.js";
import { createShutdown } from "../../src/jobs/create-shutdown.js";
import { producerOnly } from "../../src/jobs/producer-only.js";
import type { ReviewJob } from "../../src/jobs/review-job.js";
import type { ReviewJobOutcome } from "../../src/jobs/run-review-job.js";
import { createTestLog } from "../helpers/create-test-log.js";
import { createTestProbot } from "../helpers/create-test-probot.js";
import { emptyResult, fakeReviewChange } from "../helpers/fake-review-change.js";
import { webhookEvent } from "../helpers/load-payload.js";
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
  nockUpdateCheckRun,
  type Sent,
} from "../helpers/nock-github.js";

const REPO = { owner: "Codertocat", repo: "Hello-World" };
const PR = 2;
const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const NOW = Date.parse("2024-05-01T12:00:00Z");
const PATCH = ["@@ -1,1 +1,2 @@", " export const a = 1;", "+export const b = 2;"].join("\n");

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("in-process durability: queued check runs, recovered on start", () => {
  it("creates the review's check run `queued`, with the job in external_id, before the webhook is answered", async () => {
    const log = createTestLog();
    // This process accepts the job and stops before running it: its queue never runs anything.
    const queue = createInProcessQueue<ReviewJob>({ log: log.log });
    const probot = createTestProbot();
    await probot.load(createApp({ reviewChange: fakeReviewChange(emptyResult()), queue: producerOnly(queue), durableCheckRuns: {}, settings: readAppSettings({}), now: () => NOW, sleep: () => Promise.resolve(), log: log.log }));
    const checkRuns: Sent = [];
    nock(GITHUB_API).get("/app/installations").query(true).reply(200, []);
    nockInstallationToken(1);
    nockCreateCheckRun(REPO, 77, checkRuns);

    await probot.receive(webhookEvent("pull_request.opened", "delivery-queued"));

    expect(checkRuns).toEqual([
      {
        name: "patchsmith",
        head_sha: HEAD,
        status: "queued",
        started_at: "2024-05-01T12:00:00.000Z",
        external_id: JSON.stringify({ v: 1, d: "delivery-queued", t: "opened", p: PR }),
        output: { title: "Queued", summary: "patchsmith will review ec26c3e shortly." },
      },
    ]);
    expect(queue.size()).toBe(1);
    // The start-up look for unfinished reviews (none) runs beside the webhook.
    await until(() => nock.pendingMocks().length === 0);
  });

  it("on start enqueues again the app's check runs left `in_progress`, and the review reuses the check run", async () => {
    const log = createTestLog();
    const queue = createInProcessQueue<ReviewJob>({ log: log.log });
    const outcomes: [ReviewJob, ReviewJobOutcome][] = [];
    const probot = createTestProbot();
    const checkRuns: Sent = [];
    // Start-up: installations, repositories, open pull requests, and their heads' patchsmith check runs.
    nock(GITHUB_API).get("/app/installations").query(true).reply(200, [{ id: 1, account: { login: "Codertocat", type: "User" }, suspended_at: null }]);
    nockInstallationToken(1);
    nock(GITHUB_API)
      .get("/installation/repositories")
      .query(true)
      .reply(200, { total_count: 1, repositories: [{ name: REPO.repo, owner: { login: REPO.owner }, archived: false, disabled: false }] });
    nock(GITHUB_API)
      .get(`/repos/${REPO.owner}/${REPO.repo}/pulls`)
      .query(true)
      .reply(200, [{ number: PR, head: { sha: HEAD } }]);
    nock(GITHUB_API)
      .get(`/repos/${REPO.owner}/${REPO.repo}/commits/${HEAD}/check-runs`)
      .query({ check_name: "patchsmith", filter: "latest", per_page: "100" })
      .reply(200, {
        total_count: 2,
        check_runs: [
          { id: 77, status: "in_progress", app: { id: 123 }, external_id: JSON.stringify({ v: 1, d: "delivery-old", t: "opened", p: PR }) },
          { id: 78, status: "in_progress", app: { id: 999 }, external_id: null },
        ],
      });
    // The recovered review: the same check run is set in progress, then completed.
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockConfig(REPO, undefined);
    nockListIssueComments(REPO, PR);
    nockUpdateCheckRun(REPO, 77, checkRuns);
    nockListReviews(REPO, PR);
    nockListReviewComments(REPO, PR);
    nockListFiles(REPO, PR, [{ filename: "src/a.ts", status: "modified", patch: PATCH }]);
    nockCompare(REPO, BASE, HEAD, { status: "ahead", mergeBaseSha: BASE });
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockCreateReview(REPO, PR);
    nockUpdateCheckRun(REPO, 77, checkRuns);

    await probot.load(
      createApp({
        reviewChange: fakeReviewChange(emptyResult()),
        queue,
        durableCheckRuns: { appId: 123 },
        settings: readAppSettings({}),
        now: () => NOW,
        sleep: () => Promise.resolve(),
        log: log.log,
        onJobDone: (job, outcome) => outcomes.push([job, outcome]),
      }),
    );
    await until(() => outcomes.length === 1);
    await queue.onIdle();

    expect(outcomes[0]?.[0]).toEqual({ kind: "review", deliveryId: "delivery-old", installationId: 1, owner: REPO.owner, repo: REPO.repo, pullNumber: PR, headSha: HEAD, trigger: "opened", checkRunId: 77 });
    expect(outcomes[0]?.[1].kind).toBe("reviewed");
    expect(checkRuns[0]).toMatchObject({ status: "in_progress", started_at: "2024-05-01T12:00:00.000Z" });
    expect(checkRuns[1]).toMatchObject({ status: "completed" });
    expect(log.messages("info")).toContain("Enqueued 1 unfinished reviews again");
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("on SIGTERM during a review puts its check run back to `queued` (the record the next start picks up) and exits", async () => {
    const log = createTestLog();
    const queue = createInProcessQueue<ReviewJob>({ log: log.log });
    const outcomes: ReviewJobOutcome[] = [];
    let engineStarted = false;
    const engine = fakeReviewChange(
      (params) =>
        new Promise((_resolve, reject) => {
          engineStarted = true;
          params.signal?.addEventListener("abort", () => { reject(params.signal?.reason as Error); }, { once: true });
        }),
    );
    const probot = createTestProbot();
    await probot.load(
      createApp({ reviewChange: engine, queue, durableCheckRuns: {}, settings: readAppSettings({}), now: () => NOW, sleep: () => Promise.resolve(), log: log.log, onJobDone: (_job, outcome) => outcomes.push(outcome) }),
    );
    const checkRuns: Sent = [];
    nock(GITHUB_API).get("/app/installations").query(true).reply(200, []);
    nockInstallationToken(1);
    nockCreateCheckRun(REPO, 77, checkRuns);
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockConfig(REPO, undefined);
    nockListIssueComments(REPO, PR);
    nockUpdateCheckRun(REPO, 77, checkRuns);
    nockListReviews(REPO, PR);
    nockListReviewComments(REPO, PR);
    nockListFiles(REPO, PR, [{ filename: "src/a.ts", status: "modified", patch: PATCH }]);
    nockCompare(REPO, BASE, HEAD, { status: "ahead", mergeBaseSha: BASE });
    nockUpdateCheckRun(REPO, 77, checkRuns);

    await probot.receive(webhookEvent("pull_request.opened", "delivery-sigterm"));
    await until(() => engineStarted);
    const exits: number[] = [];
    await createShutdown({ queues: [queue], graceMs: 10, exit: (code) => exits.push(code), log: log.log })("SIGTERM");

    expect(exits).toEqual([0]);
    expect(outcomes).toEqual([{ kind: "stopped", reason: "The queue was closed (the process is stopping) while the job ran" }]);
    expect(checkRuns.map((body) => (body as { status?: string }).status)).toEqual(["queued", "in_progress", "queued"]);
    expect(checkRuns[2]).toMatchObject({ output: { title: "Queued again" } });
    expect(nock.pendingMocks()).toEqual([]);
  });
});
