import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { readAppSettings } from "../../src/config/app-settings.js";
import { createInProcessQueue } from "../../src/jobs/create-in-process-queue.js";
import { createShutdown } from "../../src/jobs/create-shutdown.js";
import { journalReviewQueue, MAX_JOURNAL_STARTS } from "../../src/jobs/journal-review-queue.js";
import { openJobJournal } from "../../src/jobs/open-job-journal.js";
import { reviewJobId, reviewJobKey, type ReviewJob } from "../../src/github/review-job.js";
import type { ReviewJobOutcome } from "../../src/jobs/run-review-job.js";
import { createTestLog } from "../helpers/create-test-log.js";
import { createTestProbot } from "../helpers/create-test-probot.js";
import { emptyResult, fakeReviewChange } from "../helpers/fake-review-change.js";
import { webhookEvent } from "../helpers/load-payload.js";
import {
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

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function journalPath(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "restart-"));
  dirs.push(dir);
  return path.join(dir, "review-journal.jsonl");
}

/** The requests of one review of REPO#PR at HEAD that reuses (or creates) check run 77, and posts its review or is stopped before. */
function nockReview(checkRuns: Sent, options: { readonly createCheckRun: boolean; readonly posts: boolean }): void {
  nockInstallationToken(1);
  if (options.createCheckRun) nockCreateCheckRun(REPO, 77, checkRuns);
  nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
  nockConfig(REPO, undefined);
  nockListIssueComments(REPO, PR);
  // A check run the job creates starts `in_progress`; one it reuses is set so.
  if (!options.createCheckRun) nockUpdateCheckRun(REPO, 77, checkRuns);
  nockListReviews(REPO, PR);
  nockListReviewComments(REPO, PR);
  nockListFiles(REPO, PR, [{ filename: "src/a.ts", status: "modified", patch: PATCH }]);
  nockCompare(REPO, BASE, HEAD, { status: "ahead", mergeBaseSha: BASE });
  if (options.posts) {
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockCreateReview(REPO, PR);
  }
  nockUpdateCheckRun(REPO, 77, checkRuns);
}

describe("in-process durability: the job journal, closed by the shutdown", () => {
  it("SIGTERM during a review: its check run goes back to `queued`, the job stays in the journal, and the next start reviews it once, reusing that check run", async () => {
    const file = await journalPath();
    const log = createTestLog();
    const first = await openJobJournal<ReviewJob>({ file });
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
    await probot.load(createApp({ reviewChange: engine, queue, journal: first, settings: readAppSettings({}), now: () => NOW, sleep: () => Promise.resolve(), log: log.log, onJobDone: (_job, outcome) => outcomes.push(outcome) }));
    const checkRuns: Sent = [];
    nockReview(checkRuns, { createCheckRun: true, posts: false });

    await probot.receive(webhookEvent("pull_request.opened", "delivery-sigterm"));
    await until(() => engineStarted);
    const exits: number[] = [];
    await createShutdown({ queues: [queue], afterQueues: [first.journal], graceMs: 10, exit: (code) => exits.push(code), log: log.log })("SIGTERM");

    expect(exits).toEqual([0]);
    expect(outcomes).toEqual([{ kind: "stopped", reason: "The queue was closed (the process is stopping) while the job ran" }]);
    const statuses = (sent: Sent) => sent.filter((body) => typeof body === "object").map((body) => (body as { status?: string }).status);
    expect(statuses(checkRuns)).toEqual(["in_progress", "queued"]);
    expect(checkRuns.at(-1)).toMatchObject({ output: { title: "Queued again" } });
    expect(nock.pendingMocks()).toEqual([]);

    // The next start: the journal gives the job back, with the check run it opened.
    const second = await openJobJournal<ReviewJob>({ file });
    expect(second.pending.map((entry) => [entry.data.deliveryId, entry.data.checkRunId, entry.starts])).toEqual([["delivery-sigterm", 77, 1]]);
    const again: ReviewJobOutcome[] = [];
    const next = createInProcessQueue<ReviewJob>({ log: log.log });
    const rerun: Sent = [];
    nockReview(rerun, { createCheckRun: false, posts: true });
    await createTestProbot().load(createApp({ reviewChange: fakeReviewChange(emptyResult()), queue: next, journal: second, settings: readAppSettings({}), now: () => NOW, sleep: () => Promise.resolve(), log: log.log, onJobDone: (_job, outcome) => again.push(outcome) }));
    await until(() => again.length === 1);
    await next.onIdle();
    expect(again.map((outcome) => outcome.kind)).toEqual(["reviewed"]);
    expect(statuses(rerun)).toEqual(["in_progress", "completed"]);
    expect(log.messages("info")).toContain("Enqueued 1 unfinished reviews again (from the job journal)");
    expect(nock.pendingMocks()).toEqual([]);
    await createShutdown({ queues: [next], afterQueues: [second.journal], graceMs: 10, exit: () => undefined, log: log.log })("SIGTERM");
    expect((await openJobJournal<ReviewJob>({ file })).pending).toEqual([]);
  });

  it("a review that ended just before SIGTERM is not run again: the shutdown writes and syncs its `done` line before the process exits", async () => {
    const file = await journalPath();
    const log = createTestLog();
    const { journal } = await openJobJournal<ReviewJob>({ file });
    const inner = createInProcessQueue<ReviewJob>({ log: log.log });
    const queue = journalReviewQueue({ queue: inner, journal, log: log.log });
    queue.process(() => Promise.resolve());
    const job: ReviewJob = { kind: "review", deliveryId: "d-1", installationId: 1, owner: REPO.owner, repo: REPO.repo, pullNumber: PR, headSha: HEAD, trigger: "opened" };
    await queue.add({ id: reviewJobId(job), key: reviewJobKey(job), data: job, kind: "review" });
    await inner.onIdle();
    // What is on disk when the process exits (process.exit drops any write still in flight).
    let onDiskAtExit = "";
    await createShutdown({ queues: [inner], afterQueues: [journal], graceMs: 10, exit: () => (onDiskAtExit = readFileSync(file, "utf8")), log: log.log })("SIGTERM");
    expect(onDiskAtExit.trim().split("\n").map((line) => (JSON.parse(line) as { op: string }).op)).toEqual(["add", "start", "done"]);
    const restarted = await openJobJournal<ReviewJob>({ file });
    expect(restarted.pending).toEqual([]);
    await restarted.journal.close();
  });

  it("a review given up at start (it stopped the process each time) has its check run completed `neutral`, saying how to try again, instead of left in progress", async () => {
    const file = await journalPath();
    const log = createTestLog();
    const job: ReviewJob = { kind: "review", deliveryId: "d-crash", installationId: 1, owner: REPO.owner, repo: REPO.repo, pullNumber: PR, headSha: HEAD, trigger: "opened", checkRunId: 77 };
    const before = await openJobJournal<ReviewJob>({ file });
    await before.journal.record(reviewJobId(job), job);
    for (let i = 0; i < MAX_JOURNAL_STARTS; i++) before.journal.started(reviewJobId(job));
    await before.journal.close();

    const checkRuns: Sent = [];
    nockInstallationToken(1);
    nockUpdateCheckRun(REPO, 77, checkRuns);
    const after = await openJobJournal<ReviewJob>({ file });
    const queue = createInProcessQueue<ReviewJob>({ log: log.log });
    await createTestProbot().load(createApp({ reviewChange: fakeReviewChange(emptyResult()), queue, journal: after, settings: readAppSettings({}), now: () => NOW, sleep: () => Promise.resolve(), log: log.log }));
    await until(() => nock.pendingMocks().length === 0 && checkRuns.some((body) => typeof body === "object"));

    expect(checkRuns.filter((body) => typeof body === "object")).toEqual([
      {
        status: "completed",
        conclusion: "neutral",
        completed_at: "2024-05-01T12:00:00.000Z",
        output: { title: "Not reviewed", summary: "patchsmith stopped 3 times while reviewing ec26c3e and gave up (the server's log has the reason). Push a new commit or re-run this check to try again." },
      },
    ]);
    expect(queue.size()).toBe(0);
    await after.journal.close();
  });
});
