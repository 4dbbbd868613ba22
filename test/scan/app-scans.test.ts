import os from "node:os";
import nock from "nock";
import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { readAppSettings } from "../../src/config/app-settings.js";
import { createInProcessQueue } from "../../src/jobs/create-in-process-queue.js";
import type { ReviewJob } from "../../src/github/review-job.js";
import { createMemoryScanLock } from "../../src/scan/create-memory-scan-lock.js";
import type { TickReport } from "../../src/scan/create-scan-scheduler.js";
import { readScanSettings } from "../../src/scan/read-scan-settings.js";
import type { ScanJobOutcome } from "../../src/scan/run-scan-job.js";
import type { ScanJob } from "../../src/scan/scan-job.js";
import type { Ticker } from "../../src/scan/ticker.js";
import { createTestLog } from "../helpers/create-test-log.js";
import { createTestProbot } from "../helpers/create-test-probot.js";
import { emptyResult, fakeReviewChange } from "../helpers/fake-review-change.js";
import { loadPayload, webhookEvent } from "../helpers/load-payload.js";
import { nockConfig, nockCreateCheckRun, nockInstallationToken, nockUpdateCheckRun, type Sent } from "../helpers/nock-github.js";
import { repositoryTarball } from "./make-tarball.js";
import { nockAppInstallations, nockBranch, nockCreateIssue, nockInstallationRepos, nockListScanIssues, nockRepo, nockTarball } from "./nock-scan.js";

const SHA = "a".repeat(40);
const finding = { path: "src/a.ts", startLine: 1, line: 1, severity: "warning" as const, rule: "eslint/no-unused-vars", message: "'a' is assigned a value but never used." };

async function startApp(now: () => number): Promise<{ probot: ReturnType<typeof createTestProbot>; fire: () => Promise<TickReport>; outcomes: ScanJobOutcome[]; idle: () => Promise<void> }> {
  const log = createTestLog();
  const scanQueue = createInProcessQueue<ScanJob>({ log: log.log });
  const outcomes: ScanJobOutcome[] = [];
  let tick: (() => Promise<unknown>) | undefined;
  const ticker: Ticker = {
    start: (fn) => {
      tick = fn;
    },
    stop: () => undefined,
  };
  const probot = createTestProbot();
  await probot.load(
    createApp({
      reviewChange: fakeReviewChange(emptyResult({ findings: [finding] })),
      queue: createInProcessQueue<ReviewJob>({ log: log.log }),
      settings: readAppSettings({}),
      now,
      sleep: () => Promise.resolve(),
      log: log.log,
      scans: { queue: scanQueue, lock: createMemoryScanLock({ now }), settings: readScanSettings({}), ticker, tempDir: os.tmpdir(), onScanDone: (_job, outcome) => outcomes.push(outcome) },
    }),
  );
  return {
    probot,
    fire: async () => {
      if (tick === undefined) throw new Error("createApp did not start the scan ticker");
      return (await tick()) as TickReport;
    },
    outcomes,
    idle: () => scanQueue.onIdle(),
  };
}

function nockScan(repo: { owner: string; repo: string }, issues: Sent): void {
  nockRepo(repo);
  nockConfig(repo, undefined);
  nockBranch(repo, "main", SHA);
  nockCreateCheckRun(repo, 90);
  nockTarball(repo, SHA, repositoryTarball({ "src/a.ts": "const a = 1;\n" }));
  nockListScanIssues(repo, []);
  nockCreateIssue(repo, 1, issues);
  nockUpdateCheckRun(repo, 90);
}

describe("createApp with scans", () => {
  it("starts the scheduler: a tick past a repository's schedule scans it and opens its tracking issue", async () => {
    let now = Date.parse("2024-05-06T02:00:00Z");
    const { fire, outcomes, idle } = await startApp(() => now);
    const repo = { owner: "octo", repo: "api" };
    const issues: Sent = [];
    nockAppInstallations([{ id: 1, login: "octo" }]);
    nockInstallationToken(1);
    nockInstallationRepos("ghs_test_token", [repo]);
    nockConfig(repo, undefined);
    nockScan(repo, issues);
    now = Date.parse("2024-05-06T06:00:00Z");
    const report = await fire();
    await idle();
    expect(nock.pendingMocks()).toEqual([]);
    expect(report.enqueued.map((job) => job.trigger)).toEqual(["schedule"]);
    expect(outcomes).toEqual([expect.objectContaining({ kind: "scanned", sha: SHA, findings: 1, issue: { kind: "created", number: 1, url: "https://github.com/octo/api/issues/1" } })]);
    expect((issues[0] as { body: string }).body).toContain(`[\`src/a.ts:1\`](https://github.com/octo/api/blob/${SHA}/src/a.ts#L1)`);
  });

  it("scans again when someone re-runs the `patchsmith scan` check run", async () => {
    const { probot, outcomes, idle } = await startApp(() => Date.parse("2024-05-06T12:00:00Z"));
    const payload = loadPayload("check_run.rerequested") as Record<string, unknown> & { check_run: { name: string } };
    payload.check_run.name = "patchsmith scan";
    const repo = { owner: "github", repo: "hello-world" };
    nockInstallationToken(1);
    nockScan(repo, []);
    await probot.receive(webhookEvent("check_run.rerequested", "rerun-1", payload));
    await idle();
    expect(nock.pendingMocks()).toEqual([]);
    expect(outcomes).toEqual([expect.objectContaining({ kind: "scanned", findings: 1 })]);
  });
});
