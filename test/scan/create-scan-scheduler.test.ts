import nock from "nock";
import { describe, expect, it } from "vitest";
import { createMemoryScanLock } from "../../src/scan/create-memory-scan-lock.js";
import type { TickReport } from "../../src/scan/create-scan-scheduler.js";
import type { ScanJob } from "../../src/scan/scan-job.js";
import { scanOffset } from "../../src/scan/scan-offset.js";
import type { Ticker } from "../../src/scan/ticker.js";
import { emptyResult, fakeReviewChange } from "../helpers/fake-review-change.js";
import { nockConfig, nockCreateCheckRun, nockInstallationToken, nockUpdateCheckRun } from "../helpers/nock-github.js";
import { repositoryTarball } from "./make-tarball.js";
import { nockAppInstallations, nockBranch, nockInstallationRepos, nockListScanIssues, nockRepo, nockTarball } from "./nock-scan.js";
import { recordingQueue, startScans } from "./start-scans.js";

const MINUTE = 60_000;
const SPREAD = 180 * MINUTE;
const at = (iso: string): number => Date.parse(iso);

/** A ticker the test fires by hand, as croner would every few minutes. */
function manualTicker(): Ticker & { fire(): Promise<TickReport> } {
  let tick: (() => Promise<unknown>) | undefined;
  return {
    start(fn) {
      tick = fn;
    },
    stop() {
      tick = undefined;
    },
    async fire() {
      if (tick === undefined) throw new Error("the ticker was not started");
      return (await tick()) as TickReport;
    },
  };
}

/** The first five-minute tick at or after `time`. */
const tickAfter = (time: number): number => Math.ceil(time / (5 * MINUTE)) * 5 * MINUTE;

describe("the scan scheduler", () => {
  it("on each tick enqueues a scan per installed repository, each at its schedule plus its own offset; archived ones are skipped", async () => {
    let now = at("2024-05-06T02:55:00Z");
    const ticker = manualTicker();
    const queue = recordingQueue();
    const { log } = await startScans({ now: () => now, ticker, queue, settings: { spreadMs: SPREAD } });

    const ticks = (at("2024-05-06T08:00:00Z") - at("2024-05-06T03:00:00Z")) / (5 * MINUTE) + 1;
    nockAppInstallations([{ id: 1, login: "octo" }, { id: 2, login: "acme" }, { id: 3, login: "gone", suspended: true }], ticks);
    nockInstallationToken(1, { token: "ghs_one" });
    nockInstallationToken(2, { token: "ghs_two" });
    nockInstallationRepos("ghs_one", [{ owner: "octo", repo: "api" }, { owner: "octo", repo: "web" }, { owner: "octo", repo: "old", archived: true }], ticks);
    nockInstallationRepos("ghs_two", [{ owner: "acme", repo: "tools" }], ticks);
    nockConfig({ owner: "octo", repo: "api" }, undefined);
    nockConfig({ owner: "octo", repo: "web" }, 'scan:\n  schedule: "30 4 * * 1"\n');
    nockConfig({ owner: "acme", repo: "tools" }, undefined);

    const enqueuedAt = new Map<string, number>();
    const reports: TickReport[] = [];
    for (now = at("2024-05-06T03:00:00Z"); now <= at("2024-05-06T08:00:00Z"); now += 5 * MINUTE) {
      const before = queue.added.length;
      reports.push(await ticker.fire());
      for (const job of queue.added.slice(before)) enqueuedAt.set(`${job.owner}/${job.repo}`, now);
    }

    expect(nock.pendingMocks()).toEqual([]);
    expect(log.messages("warn")).toEqual([]);
    const due = (name: string, occurrence: string): number => at(occurrence) + scanOffset(name, SPREAD);
    const expected: [string, number, number][] = [
      ["acme/tools", 2, due("acme/tools", "2024-05-06T03:00:00Z")],
      ["octo/api", 1, due("octo/api", "2024-05-06T03:00:00Z")],
      ["octo/web", 1, due("octo/web", "2024-05-06T04:30:00Z")],
    ];
    expect(queue.added.map((job) => `${job.owner}/${job.repo}`).sort()).toEqual(expected.map(([name]) => name));
    for (const [name, installationId, time] of expected) {
      const [owner = "", repo = ""] = name.split("/");
      const job: ScanJob = { kind: "scan", installationId, owner, repo, trigger: "schedule", occurrence: new Date(time).toISOString() };
      expect(queue.added).toContainEqual(job);
      expect(enqueuedAt.get(name)).toBe(tickAfter(time));
    }
    // Spread: the three do not start together.
    expect(new Set(expected.map(([, , time]) => tickAfter(time))).size).toBeGreaterThan(1);
    expect(reports[0]?.skipped).toContainEqual({ repository: "octo/old", reason: "archived" });
  });

  it("skips repositories whose scans are switched off or whose schedule cannot run, and warns once", async () => {
    let now = at("2024-05-06T02:55:00Z");
    const ticker = manualTicker();
    const queue = recordingQueue();
    const { log } = await startScans({ now: () => now, ticker, queue });
    nockAppInstallations([{ id: 1, login: "octo" }], 2);
    nockInstallationToken(1, { token: "ghs_one" });
    nockInstallationRepos("ghs_one", [{ owner: "octo", repo: "off" }, { owner: "octo", repo: "often" }], 2);
    nockConfig({ owner: "octo", repo: "off" }, "scan:\n  enabled: false\n");
    nockConfig({ owner: "octo", repo: "often" }, 'scan:\n  schedule: "* * * * *"\n');
    now = at("2024-05-06T06:00:00Z");
    const report = await ticker.fire();
    now += 5 * MINUTE;
    await ticker.fire();
    expect(nock.pendingMocks()).toEqual([]);
    expect(queue.added).toEqual([]);
    expect(report.skipped).toEqual([
      { repository: "octo/off", reason: "scans are switched off (scan.enabled: false)" },
      { repository: "octo/often", reason: expect.stringMatching(/scan\.schedule "\* \* \* \* \*" runs more often than once an hour/) as unknown },
    ]);
    expect(log.messages("warn")).toEqual([expect.stringMatching(/^Scans of octo\/often are not scheduled: scan\.schedule/) as unknown]);
  });

  it("with two instances sharing the lock, a due scan is scheduled and run once", async () => {
    let now = at("2024-05-06T02:55:00Z");
    const lock = createMemoryScanLock({ now: () => now });
    const engine = fakeReviewChange(emptyResult());
    const tickers = [manualTicker(), manualTicker()] as const;
    const instances = [
      await startScans({ now: () => now, lock, ticker: tickers[0], engine, settings: { spreadMs: 0 } }),
      await startScans({ now: () => now, lock, ticker: tickers[1], engine, settings: { spreadMs: 0 } }),
    ];
    const repo = { owner: "octo", repo: "api" };
    // Each instance lists and reads the config on its own...
    nockAppInstallations([{ id: 1, login: "octo" }], 2);
    nockInstallationToken(1, { times: 2 });
    nockInstallationRepos("ghs_test_token", [repo], 2);
    nockConfig(repo, undefined);
    nockConfig(repo, undefined);
    // ...but only one scans.
    nockRepo(repo);
    nockConfig(repo, undefined);
    nockBranch(repo, "main", "a".repeat(40));
    nockCreateCheckRun(repo, 77);
    nockTarball(repo, "a".repeat(40), repositoryTarball({ "src/a.ts": "export const a = 1;\n" }));
    nockListScanIssues(repo, []);
    nockUpdateCheckRun(repo, 77);

    now = at("2024-05-06T03:05:00Z");
    const reports = await Promise.all(tickers.map((ticker) => ticker.fire()));
    await Promise.all(instances.map((instance) => instance.idle()));

    expect(nock.pendingMocks()).toEqual([]);
    expect(reports.map((r) => r.enqueued.length).sort()).toEqual([0, 1]);
    expect(reports.flatMap((r) => r.skipped)).toEqual([{ repository: "octo/api", reason: "the scan due at 2024-05-06T03:00:00.000Z was scheduled by another instance" }]);
    expect(instances.flatMap((i) => i.outcomes)).toEqual([expect.objectContaining({ kind: "scanned", findings: 0 })]);
    expect(engine.calls).toHaveLength(1);
  });
});
