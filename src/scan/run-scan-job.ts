import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import type { ProbotOctokit } from "probot";
import { loadRepoConfig } from "../config/load-repo-config.js";
import { InvalidConfigError, type RepoConfig } from "../config/repo-config.js";
import type { CheckConclusion } from "../github/create-check-run.js";
import { createScanCheckRun } from "../github/create-scan-check-run.js";
import { downloadTarball } from "../github/download-tarball.js";
import { findScanIssue } from "../github/find-scan-issue.js";
import { getScanTarget } from "../github/get-scan-target.js";
import type { CheckOutput } from "../github/limit-check-output.js";
import { saveScanIssue, type SaveScanIssueResult } from "../github/save-scan-issue.js";
import { updateCheckRun } from "../github/update-check-run.js";
import { createProgressReporter } from "../jobs/create-progress-reporter.js";
import type { JobLog } from "../log/job-log.js";
import { QueueClosedError } from "../jobs/queue-closed-error.js";
import type { Generator } from "../llm/generator.js";
import type { ReviewChange } from "../pipeline/review-types.js";
import { collectFixedFiles } from "./collect-fixed-files.js";
import { countByKind } from "./count-by-kind.js";
import { createDirectoryFileSource } from "./create-directory-file-source.js";
import { extractTarball, type ExtractedTree } from "./extract-tarball.js";
import type { FixPullRequestOutcome } from "./fix-pull-request-outcome.js";
import { openFixPullRequest } from "./open-fix-pull-request.js";
import { renderScanProgress } from "./render-scan-progress.js";
import { renderScanReport } from "./render-scan-report.js";
import type { ScanJob } from "./scan-job.js";
import { ScanLimitError } from "./scan-limit-error.js";
import type { ScanLock } from "./scan-lock.js";
import { scanProject, type ScanResult } from "./scan-project.js";
import type { ScanSettings } from "./read-scan-settings.js";
import { parseScanState, renderScanState, SCAN_ISSUE_MARKER, type ScanState } from "./scan-state-marker.js";

/** Everything a scan uses, passed in: GitHub, the engine, the model, the lock, the limits, the clock, the log, a temporary folder. */
export interface ScanJobDeps {
  readonly getOctokit: (installationId: number) => Promise<ProbotOctokit>;
  readonly reviewChange: ReviewChange;
  readonly getGenerator?: () => Promise<Generator | undefined>;
  /** Shared by every instance: one scan of a repository at a time. */
  readonly lock: ScanLock;
  readonly settings: ScanSettings;
  readonly now: () => number;
  readonly log: JobLog;
  /** Where the scan's temporary folder is made (and removed). */
  readonly tempDir: string;
  /** Shortest time between two progress updates of the check run. */
  readonly progressIntervalMs: number;
}

export type ScanJobOutcome =
  | { readonly kind: "skipped"; readonly reason: string }
  | { readonly kind: "invalid-config"; readonly message: string }
  | {
      readonly kind: "scanned";
      readonly sha: string;
      readonly findings: number;
      /** The limit line, when the archive was refused. */
      readonly refused?: string;
      readonly issue: SaveScanIssueResult;
      readonly pullRequest?: FixPullRequestOutcome;
    }
  | { readonly kind: "stopped"; readonly reason: string }
  | { readonly kind: "failed"; readonly message: string };

interface Scan {
  readonly deps: ScanJobDeps;
  readonly job: ScanJob;
  readonly octokit: ProbotOctokit;
  readonly signal: AbortSignal;
  readonly config: RepoConfig;
  readonly target: { readonly defaultBranch: string; readonly headSha: string; readonly htmlUrl: string };
}

/**
 * Scan one repository's default branch:
 *  1. read the repository fresh: skip archived, disabled and empty ones;
 *  2. load .github/patchsmith.yml (an invalid one fails the check run); a
 *     scheduled scan of a repository that switched scans off is skipped;
 *  3. take the repository's scan lock (one scan at a time, across instances);
 *  4. open the `patchsmith scan` check run on the head commit;
 *  5. download the tarball of that commit into a temporary folder, within limits
 *     (a refusal is reported, not an error);
 *  6. analyse the whole project with the review engine;
 *  7. optionally commit the validated deterministic fixes to the fix pull request;
 *  8. write the tracking issue (found by its marker; opened only when there is
 *     something to report; closed when everything is fixed);
 *  9. complete the check run with the report; remove the temporary folder.
 */
export async function runScanJob(deps: ScanJobDeps, job: ScanJob, signal: AbortSignal): Promise<ScanJobOutcome> {
  const octokit = await deps.getOctokit(job.installationId);
  const where = { octokit, owner: job.owner, repo: job.repo };
  const fields = { repository: `${job.owner}/${job.repo}`, trigger: job.trigger, occurrence: job.occurrence };

  // 1. The repository as it is now.
  const target = await getScanTarget(where);
  if (target.kind === "skip") return skipped(deps, job, target.reason);

  // 2. The config.
  let config: RepoConfig;
  try {
    config = await loadRepoConfig(where);
  } catch (error) {
    if (!(error instanceof InvalidConfigError)) throw error;
    deps.log.warn({ ...fields, err: error }, error.message);
    await createScanCheckRun({
      ...where,
      headSha: target.headSha,
      startedAt: new Date(deps.now()),
      conclusion: "failure",
      output: { title: "Invalid .github/patchsmith.yml", summary: `${error.message}\n\nNothing was scanned. Fix the file on the default branch; the next scan will use it.` },
    });
    return { kind: "invalid-config", message: error.message };
  }
  if (job.trigger === "schedule" && !config.scan.enabled) return skipped(deps, job, "scheduled scans are switched off (scan.enabled: false)");

  // 3. One scan of a repository at a time.
  const lease = await deps.lock.acquire(`scan-run:${job.owner}/${job.repo}`, deps.settings.timeoutMs + 60_000);
  if (lease === undefined) return skipped(deps, job, "a scan of this repository is already running");
  try {
    return await scan({ deps, job, octokit, signal, config, target });
  } finally {
    await lease.release();
  }
}

async function scan(run: Scan): Promise<ScanJobOutcome> {
  const { deps, job, octokit, signal, config, target } = run;
  const where = { octokit, owner: job.owner, repo: job.repo };
  const sha = target.headSha;

  // 4. The check run.
  const checkRunId = await createScanCheckRun({
    ...where,
    headSha: sha,
    startedAt: new Date(deps.now()),
    output: { title: "Scanning", summary: `patchsmith is scanning the whole repository at ${sha.slice(0, 7)} (${target.defaultBranch}).` },
  });
  const complete = (conclusion: CheckConclusion, output: CheckOutput): Promise<void> =>
    updateCheckRun({ ...where, checkRunId, output, completed: { conclusion, at: new Date(deps.now()) } });

  const folder = await mkdtemp(path.join(deps.tempDir, "patchsmith-scan-"));
  try {
    // 5. The archive.
    const root = path.join(folder, "repository");
    let extracted: ExtractedTree | undefined;
    let refused: string | undefined;
    try {
      const download = await downloadTarball({ ...where, ref: sha, signal });
      extracted = await extractTarball({
        input: download.body,
        dir: root,
        limits: { maxTarballBytes: deps.settings.maxTarballBytes, maxExtractedBytes: deps.settings.maxExtractedBytes, maxFiles: deps.settings.maxFiles },
        ...(download.length === undefined ? {} : { declaredBytes: download.length }),
        signal,
      });
    } catch (error) {
      if (!(error instanceof ScanLimitError)) throw error;
      refused = error.message;
      deps.log.warn({ repository: `${job.owner}/${job.repo}`, sha }, `Scan refused: ${error.message}`);
    }

    // 6. The analysis.
    let result: ScanResult | undefined;
    let readScanned: (file: string) => Promise<string | undefined> = () => Promise.resolve(undefined);
    if (extracted !== undefined) {
      const source = await createDirectoryFileSource({ dir: root, maxBytes: config.maxFileBytes, maxFiles: deps.settings.maxFiles, label: `github:${job.owner}/${job.repo}@${sha.slice(0, 12)}` });
      readScanned = async (file) => {
        const read = await source.readText(file);
        return read.kind === "text" ? read.text : undefined;
      };
      const generator = config.checks.model ? await deps.getGenerator?.() : undefined;
      const progress = createProgressReporter({
        send: (p) => updateCheckRun({ ...where, checkRunId, output: renderScanProgress(p) }),
        now: deps.now,
        intervalMs: deps.progressIntervalMs,
        log: deps.log,
      });
      try {
        const scanned = await scanProject({
          source,
          config,
          reviewChange: deps.reviewChange,
          tokenBudget: deps.settings.tokenBudget,
          maxFiles: deps.settings.maxAnalysedFiles,
          maxBytes: deps.settings.maxExtractedBytes,
          repo: { owner: job.owner, name: job.repo },
          ...(generator === undefined ? {} : { generator }),
          signal,
          onProgress: (p) => {
            progress.report(p);
          },
          now: deps.now,
        });
        result = { ...scanned, skipped: [...extracted.skipped, ...scanned.skipped] };
      } finally {
        await progress.flush();
      }
    }
    signal.throwIfAborted();

    // 7. The fix pull request.
    let pullRequest: FixPullRequestOutcome | undefined;
    if (result !== undefined && config.scan.openPullRequest) {
      const files = await collectFixedFiles({ findings: result.findings, readText: readScanned });
      pullRequest = await openFixPullRequest({ ...where, defaultBranch: target.defaultBranch, baseSha: sha, files, tests: result.generatedTests, executables: extracted?.executables ?? new Set() });
    }

    // 8. The tracking issue.
    const existing = await findScanIssue(where);
    const previous = existing === undefined ? undefined : parseScanState(existing.body);
    const scannedAt = new Date(deps.now());
    const report = renderScanReport({
      outcome: result === undefined ? { kind: "refused", reason: refused ?? "The archive could not be read." } : { kind: "scanned", result },
      repo: { owner: job.owner, name: job.repo, url: target.htmlUrl },
      sha,
      branch: target.defaultBranch,
      scannedAt,
      ...(previous === undefined ? {} : { previous }),
      ...(pullRequest === undefined ? {} : { fixPullRequest: pullRequest }),
    });
    const state: ScanState | undefined = result === undefined ? previous : { sha, at: scannedAt.toISOString(), counts: countByKind(result.findings, result.untested.length) };
    const findings = result?.findings.length ?? 0;
    const untested = result?.untested.length ?? 0;
    const issue = await saveScanIssue({
      ...where,
      existing,
      title: issueTitle(result === undefined, findings, untested, target.defaultBranch),
      body: [SCAN_ISSUE_MARKER, report, ...(state === undefined ? [] : [renderScanState(state)])].join("\n\n"),
      somethingToReport: result === undefined || findings > 0 || untested > 0,
    });

    // 9. The check run.
    const link = issue.kind === "none" ? "" : `The report is in #${issue.number}.\n\n`;
    await complete(findings > 0 || result === undefined ? "neutral" : "success", {
      title: result === undefined ? "Scan refused: over a limit" : findings > 0 ? `${findings} ${findings === 1 ? "finding" : "findings"} in the repository` : "No findings in the repository",
      summary: `${link}${report}`,
    });
    deps.log.info({ repository: `${job.owner}/${job.repo}`, sha, findings, issue: issue.kind, refused: refused !== undefined }, `Scanned ${job.owner}/${job.repo} at ${sha.slice(0, 7)}`);
    return {
      kind: "scanned",
      sha,
      findings,
      ...(refused === undefined ? {} : { refused }),
      issue,
      ...(pullRequest === undefined ? {} : { pullRequest }),
    };
  } catch (error) {
    if (signal.aborted) {
      const reason = stopReason(signal.reason);
      deps.log.info({ repository: `${job.owner}/${job.repo}`, reason }, `Scan stopped: ${reason}`);
      await complete("neutral", { title: "Stopped", summary: `This scan was stopped: ${reason}.` });
      return { kind: "stopped", reason };
    }
    const message = error instanceof Error ? error.message : String(error);
    deps.log.error({ repository: `${job.owner}/${job.repo}`, err: error }, `Scan of ${job.owner}/${job.repo} failed`);
    await complete("neutral", { title: "patchsmith could not finish this scan", summary: `The scan failed: ${message}\n\nRe-run this check to try again; the app's log has the details.` });
    return { kind: "failed", message };
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function issueTitle(refused: boolean, findings: number, untested: number, branch: string): string {
  if (refused) return "patchsmith scan: the last scan was refused";
  if (findings > 0) return `patchsmith scan: ${findings} ${findings === 1 ? "finding" : "findings"} on ${branch}`;
  if (untested > 0) return `patchsmith scan: ${untested} untested ${untested === 1 ? "export" : "exports"} on ${branch}`;
  return "patchsmith scan: no findings";
}

function skipped(deps: ScanJobDeps, job: ScanJob, reason: string): ScanJobOutcome {
  deps.log.info({ repository: `${job.owner}/${job.repo}`, trigger: job.trigger, reason }, `Scan of ${job.owner}/${job.repo} skipped: ${reason}`);
  return { kind: "skipped", reason };
}

function stopReason(reason: unknown): string {
  if (reason instanceof QueueClosedError) return reason.message;
  if (reason instanceof DOMException && reason.name === "TimeoutError") return "it ran longer than the scan time limit (PATCHSMITH_SCAN_TIMEOUT_MS)";
  return reason instanceof Error ? reason.message : "it was cancelled";
}
