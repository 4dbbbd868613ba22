import type { ProbotOctokit } from "probot";
import { loadRepoConfig } from "../config/load-repo-config.js";
import { InvalidConfigError, type RepoConfig } from "../config/repo-config.js";
import { createCheckRun, type CheckConclusion } from "../github/create-check-run.js";
import { getPullRequest, type PullRequestInfo } from "../github/get-pull-request.js";
import { isReviewPaused } from "../github/is-review-paused.js";
import type { CheckOutput } from "../github/limit-check-output.js";
import { postPullRequestReview } from "../github/post-pull-request-review.js";
import { renderCheckProgress } from "../github/render-check-progress.js";
import { renderCheckSummary } from "../github/render-check-summary.js";
import { setCheckRunStatus } from "../github/set-check-run-status.js";
import { describeStanding } from "../github/describe-standing.js";
import { standingConclusion } from "../github/standing-conclusion.js";
import { reviewPullRequest, type PullRequestReview } from "../github/review-pull-request.js";
import { updateCheckRun } from "../github/update-check-run.js";
import type { Generator } from "../llm/generator.js";
import type { ReviewChange } from "../pipeline/review-types.js";
import { attemptWithin } from "./attempt-within.js";
import { createProgressReporter } from "./create-progress-reporter.js";
import type { JobLog } from "../log/job-log.js";
import { QueueClosedError } from "./queue-closed-error.js";
import type { ReviewJob } from "../github/review-job.js";
import { SupersededError } from "./superseded-error.js";

/** Everything a review job uses, passed in: GitHub, the engine, the model, the clock, the log. */
export interface ReviewJobDeps {
  /** An Octokit for the installation; its token is renewed by itself, so a job may outlast the token's hour. */
  readonly getOctokit: (installationId: number) => Promise<ProbotOctokit>;
  readonly reviewChange: ReviewChange;
  /** The model, loaded on first use; undefined when none is configured. */
  readonly getGenerator?: () => Promise<Generator | undefined>;
  /** Queue a review of a newer head found while running (the webhook for it may be late or lost). */
  readonly enqueue?: (job: ReviewJob) => void;
  readonly now: () => number;
  readonly log: JobLog;
  /** Blobs fetched at once. */
  readonly fetchConcurrency: number;
  /** Shortest time between two progress updates of the check run. */
  readonly progressIntervalMs: number;
  /** Told after a review is published (metrics): time per stage, suggestions proposed / validated / posted. */
  readonly onReviewed?: (report: ReviewReport) => void;
  /** Told when the job opened its check run (single-process mode journals it, so a restart reuses the run). */
  readonly onCheckRun?: (job: ReviewJob, checkRunId: number) => void;
  /** Longest wait for one check-run call (create, progress, status, completion); default CHECK_RUN_TIMEOUT_MS. */
  readonly checkRunTimeoutMs?: number;
}

/** A check-run call that takes longer is given up (logged): the check run is a courtesy, the review is the work. */
export const CHECK_RUN_TIMEOUT_MS = 15_000;

/** What a finished review reports for metrics. */
export interface ReviewReport {
  readonly timingsMs: Readonly<Record<string, number>>;
  readonly proposed: number;
  readonly validated: number;
  readonly posted: number;
}

export type ReviewJobOutcome =
  | { readonly kind: "skipped"; readonly reason: string }
  | { readonly kind: "invalid-config"; readonly message: string }
  | { readonly kind: "up-to-date"; readonly conclusion: CheckConclusion }
  | { readonly kind: "stopped"; readonly reason: string }
  | { readonly kind: "failed"; readonly message: string }
  | {
      readonly kind: "reviewed";
      readonly reviewId?: number;
      readonly posted: number;
      readonly duplicates: number;
      readonly notInline: number;
      readonly conclusion: CheckConclusion;
    };

interface Run {
  readonly deps: ReviewJobDeps;
  /** A check-run call with a time limit: failures and timeouts are logged, never thrown. */
  readonly checkRun: <T>(what: string, call: (signal: AbortSignal) => Promise<T>) => Promise<T | undefined>;
  readonly job: ReviewJob;
  readonly octokit: ProbotOctokit;
  readonly signal: AbortSignal;
  readonly timings: Record<string, number>;
}

/**
 * Review one pull request head:
 *  1. read the pull request fresh; skip closed ones, bot authors and a head that moved on;
 *  2. load and validate .github/patchsmith.yml (an invalid one fails the check run, nothing else);
 *  3. skip drafts (unless the config reviews them) and paused pull requests, unless someone asked for this review;
 *  4. open the `patchsmith` check run, in progress (every check-run call has a time limit and
 *     may fail: the review is posted without it);
 *  5. read what earlier runs left (last reviewed SHA, fingerprints) and list the files;
 *  6. choose the scope: everything, or only what changed since the last reviewed SHA;
 *  7. run the engine on GitHub-backed base (merge base) and head snapshots;
 *  8. stop if the head moved meanwhile; drop repeats; check every anchor;
 *  9. post one review; complete the check run with the summary.
 */
export async function runReviewJob(deps: ReviewJobDeps, job: ReviewJob, signal: AbortSignal): Promise<ReviewJobOutcome> {
  const octokit = await deps.getOctokit(job.installationId);
  const checkRunMs = deps.checkRunTimeoutMs ?? CHECK_RUN_TIMEOUT_MS;
  const checkRun = <T>(what: string, call: (signal: AbortSignal) => Promise<T>): Promise<T | undefined> => attemptWithin({ ms: checkRunMs, log: deps.log, what, fields: jobFields(job) }, call);
  const run: Run = { deps, job, octokit, signal, timings: {}, checkRun };
  const where = { octokit, owner: job.owner, repo: job.repo };

  // 1. The pull request as it is now.
  const pr = await timed(run, "github", () => getPullRequest({ ...where, pullNumber: job.pullNumber }));
  const skip = skipReason(pr, job);
  if (skip !== undefined) return await skipped(run, skip, pr);

  // 2. The repository's config.
  let config: RepoConfig;
  try {
    config = await timed(run, "github", () => loadRepoConfig(where));
  } catch (error) {
    if (!(error instanceof InvalidConfigError)) throw error;
    deps.log.warn({ ...jobFields(job), err: error }, error.message);
    const output = { title: "Invalid .github/patchsmith.yml", summary: `${error.message}\n\nNothing was reviewed. Fix the file on the default branch, then re-run this check.` };
    const existing = job.checkRunId;
    if (existing === undefined) await checkRun("create the failed check run", (s) => createCheckRun({ ...where, headSha: pr.headSha, startedAt: new Date(deps.now()), conclusion: "failure", output, signal: s }));
    else await checkRun("complete the check run", (s) => updateCheckRun({ ...where, checkRunId: existing, output, completed: { conclusion: "failure", at: new Date(deps.now()) }, signal: s }));
    return { kind: "invalid-config", message: error.message };
  }

  // 3. Drafts and pauses (a review someone asked for runs anyway).
  if (job.requestedBy === undefined) {
    if (pr.draft && !config.drafts) return await skipped(run, "draft pull request (set `drafts: true` to review drafts)");
    if (await timed(run, "github", () => isReviewPaused({ ...where, pullNumber: pr.number }))) return await skipped(run, "reviews are paused on this pull request");
  }

  // 4. The check run: the one created `queued` when the job was accepted, or a new one.
  const reviewing = { title: "Reviewing", summary: `patchsmith is reviewing ${pr.headSha.slice(0, 7)}.` };
  let checkRunId = job.checkRunId;
  if (checkRunId === undefined) {
    checkRunId = await checkRun("create the check run", (s) => createCheckRun({ ...where, headSha: pr.headSha, startedAt: new Date(deps.now()), output: reviewing, signal: s }));
    if (checkRunId !== undefined) deps.onCheckRun?.(job, checkRunId);
  } else {
    const id = checkRunId;
    await checkRun("mark the check run in progress", (s) => setCheckRunStatus({ ...where, checkRunId: id, status: "in_progress", startedAt: new Date(deps.now()), output: reviewing, signal: s }));
  }
  const runId = checkRunId;
  const complete = async (conclusion: CheckConclusion, output: CheckOutput): Promise<void> => {
    if (runId === undefined) return;
    await checkRun("complete the check run", (s) => updateCheckRun({ ...where, checkRunId: runId, output, completed: { conclusion, at: new Date(deps.now()) }, signal: s }));
  };

  try {
    return await review(run, pr, config, complete, runId);
  } catch (error) {
    if (signal.aborted || error instanceof SupersededError) {
      const reason = stopReason(signal.aborted ? signal.reason : error);
      deps.log.info({ ...jobFields(job), reason }, `Review stopped: ${reason}`);
      if ((job.checkRunId !== undefined || deps.onCheckRun !== undefined) && signal.reason instanceof QueueClosedError) {
        // In-process mode: the job is recorded (its check run, or the journal); a restart runs the review again.
        if (runId !== undefined) {
          await checkRun("queue the check run again", (s) =>
            setCheckRunStatus({ ...where, checkRunId: runId, status: "queued", output: { title: "Queued again", summary: `patchsmith stopped (${reason}); the review of ${pr.headSha.slice(0, 7)} runs again when it is back.` }, signal: s }),
          );
        }
        return { kind: "stopped", reason };
      }
      await complete("neutral", { title: "Stopped", summary: `This review was stopped: ${reason}.` });
      return { kind: "stopped", reason };
    }
    const message = error instanceof Error ? error.message : String(error);
    deps.log.error({ ...jobFields(job), err: error }, `Review of ${job.owner}/${job.repo}#${job.pullNumber} failed`);
    await complete("neutral", {
      title: "patchsmith could not finish this review",
      summary: `The review failed: ${message}\n\nRe-run this check to try again; the app's log has the details.`,
    });
    return { kind: "failed", message };
  }
}

async function review(
  run: Run,
  pr: PullRequestInfo,
  config: RepoConfig,
  complete: (conclusion: CheckConclusion, output: CheckOutput) => Promise<void>,
  checkRunId: number | undefined,
): Promise<ReviewJobOutcome> {
  const { deps, job, octokit, signal } = run;
  const where = { octokit, owner: job.owner, repo: job.repo };

  // 5-7. Earlier runs, the files, the scope and the engine: the same code as the CLI's and the Action's.
  // Progress text goes only to a check run that exists, each update with the check-run time limit.
  const progress = createProgressReporter({
    send: async (p) => {
      if (checkRunId !== undefined) await run.checkRun("update the check run's progress", (s) => updateCheckRun({ ...where, checkRunId, output: renderCheckProgress(p), signal: s }));
    },
    now: deps.now,
    intervalMs: deps.progressIntervalMs,
    log: deps.log,
  });
  let reviewed: PullRequestReview;
  try {
    reviewed = await reviewPullRequest({
      ...where,
      pr,
      config,
      trigger: job.trigger,
      earlierReviews: {},
      reviewChange: deps.reviewChange,
      ...(deps.getGenerator === undefined ? {} : { getGenerator: deps.getGenerator }),
      signal,
      onProgress: (p) => {
        progress.report(p);
      },
      now: deps.now,
      fetchConcurrency: deps.fetchConcurrency,
      timeGitHub: (fn) => timed(run, "github", fn),
    });
  } finally {
    // A progress update must not land after the run is completed (it would replace the summary).
    await progress.flush();
  }
  if (reviewed.kind === "up-to-date") {
    // The gate stays what the review of this head recorded, however this run was triggered (reopened, retried, re-run).
    const standing = reviewed.state.standing ?? [];
    const conclusion = standingConclusion(standing, config);
    await complete(conclusion, {
      title: "Already reviewed",
      summary: `patchsmith already reviewed ${pr.headSha.slice(0, 7)}; nothing new to review.\n\nFindings standing at this head: ${describeStanding(standing)}.`,
    });
    return { kind: "up-to-date", conclusion };
  }
  const { result, scope, duplicates } = reviewed;

  // 8. Still the head?
  const current = await timed(run, "github", () => getPullRequest({ ...where, pullNumber: pr.number }));
  if (current.state === "closed") throw new SupersededError("the pull request was closed while it was reviewed");
  if (current.headSha !== pr.headSha) {
    deps.enqueue?.(jobForHead(job, current.headSha));
    throw new SupersededError(`the head moved to ${current.headSha.slice(0, 7)} while ${pr.headSha.slice(0, 7)} was reviewed`);
  }
  for (const { comment, reason } of reviewed.notInline) {
    deps.log.error({ ...jobFields(job), path: comment.path, line: comment.line, reason }, `BUG: a comment failed the anchor check: ${reason}`);
  }

  // 9. One review (unless an already reviewed PR has nothing new), then the check run.
  const published = reviewed.worthPosting
    ? await timed(run, "publish", () =>
        postPullRequestReview({ ...where, pullNumber: pr.number, review: reviewed.review, knownIds: reviewed.state.reviewIds, log: deps.log }),
      )
    : undefined;
  const posted = published?.posted.length ?? 0;
  const notInline = reviewed.notInline.length + (published?.dropped.length ?? 0);
  const conclusion = standingConclusion(reviewed.standing, config);
  await complete(
    conclusion,
    renderCheckSummary({
      result,
      standing: reviewed.standing,
      scope,
      filesListed: reviewed.filesListed,
      filesInScope: reviewed.filesInScope,
      capped: reviewed.capped,
      changedFiles: pr.changedFiles,
      comments: { posted, duplicates, notInline },
      reviewPosted: published !== undefined,
      timings: { ...run.timings, ...result.stats.timings },
    }),
  );
  deps.onReviewed?.({ timingsMs: { ...run.timings, ...result.stats.timings }, proposed: result.stats.suggestionsProposed, validated: result.stats.suggestionsValidated, posted });
  deps.log.info({ ...jobFields(job), posted, duplicates, notInline, conclusion, scope: scope.kind }, `Reviewed ${job.owner}/${job.repo}#${pr.number} at ${pr.headSha.slice(0, 7)}`);
  return {
    kind: "reviewed",
    ...(published === undefined ? {} : { reviewId: published.reviewId }),
    posted,
    duplicates,
    notInline,
    conclusion,
  };
}

function skipReason(pr: PullRequestInfo, job: ReviewJob): string | undefined {
  if (pr.state === "closed") return "the pull request is closed";
  if (isBot(pr.author)) return `opened by a bot (${pr.author.login})`;
  if (pr.headSha !== job.headSha) return `the head moved on to ${pr.headSha.slice(0, 7)}`;
  return undefined;
}

async function skipped(run: Run, reason: string, pr?: PullRequestInfo): Promise<ReviewJobOutcome> {
  const { deps, job, octokit } = run;
  // A check run the job already has (a recovered job's) is closed, not left open.
  const checkRunId = job.checkRunId;
  if (checkRunId !== undefined) {
    await run.checkRun("complete the skipped check run", (signal) =>
      updateCheckRun({
        octokit,
        owner: job.owner,
        repo: job.repo,
        checkRunId,
        output: { title: "Skipped", summary: `patchsmith did not review ${job.headSha.slice(0, 7)}: ${reason}.` },
        completed: { conclusion: "neutral", at: new Date(deps.now()) },
        signal,
      }),
    );
  }
  // A head that moved on gets its own review, even if its webhook is late or lost.
  if (pr !== undefined && pr.state === "open" && pr.headSha !== job.headSha && !isBot(pr.author)) {
    deps.enqueue?.(jobForHead(job, pr.headSha));
  }
  deps.log.info({ ...jobFields(job), reason }, `Skipped ${job.owner}/${job.repo}#${job.pullNumber}: ${reason}`);
  return { kind: "skipped", reason };
}

/** The same review for a newer head: its own check run (the queue makes one), not this job's. */
function jobForHead(job: ReviewJob, headSha: string): ReviewJob {
  const next: { -readonly [K in keyof ReviewJob]: ReviewJob[K] } = { ...job, headSha, trigger: "synchronize" };
  delete next.checkRunId;
  return next;
}

function isBot(author: PullRequestInfo["author"]): boolean {
  return author.type === "Bot" || author.login.endsWith("[bot]");
}

function stopReason(reason: unknown): string {
  if (reason instanceof SupersededError || reason instanceof QueueClosedError) return reason.message;
  if (reason instanceof DOMException && reason.name === "TimeoutError") return "it ran longer than the review time limit";
  return reason instanceof Error ? reason.message : "it was cancelled";
}

async function timed<T>(run: Run, stage: string, fn: () => Promise<T>): Promise<T> {
  const start = run.deps.now();
  try {
    return await fn();
  } finally {
    run.timings[stage] = (run.timings[stage] ?? 0) + run.deps.now() - start;
  }
}

function jobFields(job: ReviewJob): Record<string, unknown> {
  return { deliveryId: job.deliveryId, repository: `${job.owner}/${job.repo}`, pullNumber: job.pullNumber, headSha: job.headSha, trigger: job.trigger };
}
