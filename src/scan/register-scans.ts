import type { Probot, ProbotOctokit } from "probot";
import { loadRepoConfig } from "../config/load-repo-config.js";
import { SCAN_CHECK_RUN_NAME } from "../github/create-scan-check-run.js";
import { listAppInstallations } from "../github/list-app-installations.js";
import { listInstallationRepositories } from "../github/list-installation-repositories.js";
import type { JobLog } from "../log/job-log.js";
import type { AnyQueue } from "../jobs/queue.js";
import type { Generator } from "../llm/generator.js";
import type { ReviewChange } from "../pipeline/review-types.js";
import { createScanScheduler, type ScanScheduler } from "./create-scan-scheduler.js";
import { enqueueScan } from "./enqueue-scan.js";
import type { ScanSettings } from "./read-scan-settings.js";
import { runScanJob, type ScanJobOutcome } from "./run-scan-job.js";
import type { ScanJob } from "./scan-job.js";
import type { ScanLock } from "./scan-lock.js";
import type { Ticker } from "./ticker.js";

/** What the app needs for scans, built by index.ts (tests pass their own). */
export interface ScanAppDeps {
  /**
   * Scans wait here; one at a time per process is plenty (index.ts builds it: in-process, or on
   * Redis with REDIS_URL, where a `serve` instance only adds and workers run them).
   */
  readonly queue: AnyQueue<ScanJob>;
  /** Shared by every instance when several run. */
  readonly lock: ScanLock;
  readonly settings: ScanSettings;
  /** Fires the scheduler's ticks; without one nothing is scheduled (`/patchsmith scan` and re-runs still work). */
  readonly ticker?: Ticker;
  /** Where each scan's temporary folder is made. */
  readonly tempDir: string;
  /** Told when a scan ends (metrics, tests). */
  readonly onScanDone?: (job: ScanJob, outcome: ScanJobOutcome) => void;
}

/**
 * Wire scans into the app: the scan queue's runner (with the scan time
 * limit), the scheduler behind the ticker, and "Re-run" on a `patchsmith scan`
 * check run, which scans again. Returns the scheduler (for tests and logs).
 */
export function registerScans(params: {
  readonly app: Probot;
  readonly scans: ScanAppDeps;
  /** An Octokit for an installation, writes already limited. */
  readonly getOctokit: (installationId: number) => Promise<ProbotOctokit>;
  readonly reviewChange: ReviewChange;
  readonly getGenerator?: () => Promise<Generator | undefined>;
  readonly now: () => number;
  readonly log: JobLog;
  readonly progressIntervalMs: number;
}): ScanScheduler {
  const { app, scans, getOctokit, log } = params;
  const jobDeps = {
    getOctokit,
    reviewChange: params.reviewChange,
    ...(params.getGenerator === undefined ? {} : { getGenerator: params.getGenerator }),
    lock: scans.lock,
    settings: scans.settings,
    now: params.now,
    log,
    tempDir: scans.tempDir,
    progressIntervalMs: params.progressIntervalMs,
  };
  scans.queue.process(async (job, signal) => {
    const outcome = await runScanJob(jobDeps, job, AbortSignal.any([signal, AbortSignal.timeout(scans.settings.timeoutMs)]));
    scans.onScanDone?.(job, outcome);
  });

  const scheduler = createScanScheduler({
    listInstallations: async () => listAppInstallations({ octokit: await app.auth() }),
    listRepositories: async (installationId) => listInstallationRepositories({ octokit: await getOctokit(installationId), installationId }),
    loadConfig: async (repository) => loadRepoConfig({ octokit: await getOctokit(repository.installationId), owner: repository.owner, repo: repository.repo }),
    lock: scans.lock,
    enqueue: (job) => {
      enqueueScan(scans.queue, job).catch((error: unknown) => {
        log.error({ err: error, repository: `${job.owner}/${job.repo}` }, `Could not enqueue the scheduled scan of ${job.owner}/${job.repo}`);
      });
    },
    now: params.now,
    log,
    spreadMs: scans.settings.spreadMs,
  });
  scans.ticker?.start(() => scheduler.tick());

  app.on("check_run.rerequested", async (context) => {
    const { check_run: run, repository, installation } = context.payload;
    if (run.name !== SCAN_CHECK_RUN_NAME || installation === undefined) return;
    const job: ScanJob = { kind: "scan", installationId: installation.id, owner: repository.owner.login, repo: repository.name, trigger: "rerequested", occurrence: `rerun:${context.id}` };
    const outcome = await enqueueScan(scans.queue, job);
    log.info({ deliveryId: context.id, repository: `${job.owner}/${job.repo}`, outcome }, `Scan of ${job.owner}/${job.repo} re-run from its check run: ${outcome}`);
  });
  return scheduler;
}
