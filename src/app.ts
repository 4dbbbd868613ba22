import type { ApplicationFunction, ProbotOctokit } from "probot";
import { acceptCommand } from "./commands/accept-command.js";
import type { CommandDeps } from "./commands/command-context.js";
import { createAppSlugReader } from "./commands/create-app-slug-reader.js";
import { decideCommentEvent } from "./commands/decide-comment-event.js";
import { runCommandJob, type CommandOutcome } from "./commands/run-command-job.js";
import type { EnvironmentProvider } from "./environment/acquire-environment.js";
import type { AppSettings } from "./config/app-settings.js";
import { createDeliveryFilter } from "./github/create-delivery-filter.js";
import { createWriteLimiter, type WriteLimiter } from "./github/create-write-limiter.js";
import { decideCheckRunEvent } from "./github/decide-check-run-event.js";
import { decidePullRequestEvent } from "./github/decide-pull-request-event.js";
import { enqueueReview } from "./jobs/enqueue-review.js";
import { addCommentReaction } from "./github/add-comment-reaction.js";
import { concludeGivenUpCheckRun } from "./github/conclude-given-up-check-run.js";
import { getAppSlug } from "./github/get-app-slug.js";
import { limitRequestTime } from "./github/limit-request-time.js";
import { guardWrites } from "./github/guard-writes.js";
import { attemptWithin } from "./jobs/attempt-within.js";
import { commandJobId, commandJobKey, type CommandJob } from "./jobs/command-job.js";
import { createCommandQueue, type CommandAdmission, type CommandQueue } from "./jobs/create-command-queue.js";
import type { JobLog } from "./log/job-log.js";
import { journalQueue } from "./jobs/journal-queue.js";
import { journalReviewQueue, type JournalReviewQueue } from "./jobs/journal-review-queue.js";
import type { JobJournal, JournalEntry } from "./jobs/open-job-journal.js";
import type { AddOutcome, AnyQueue } from "./jobs/queue.js";
import { reviewJobId, reviewJobKey, type ReviewJob } from "./github/review-job.js";
import { CHECK_RUN_TIMEOUT_MS, runReviewJob, type ReviewJobOutcome, type ReviewReport } from "./jobs/run-review-job.js";
import type { Generator } from "./llm/generator.js";
import type { ReviewChange } from "./pipeline/review-types.js";
import { enqueueScan } from "./scan/enqueue-scan.js";
import { registerScans, type ScanAppDeps } from "./scan/register-scans.js";
import { scanJobId, type ScanJob } from "./scan/scan-job.js";

/** A job journal as opened at start: the journal, and the jobs a stopped process left in it. */
export interface OpenedJournal<T> {
  readonly journal: JobJournal<T>;
  readonly pending: readonly JournalEntry<T>[];
}

/** Everything the app does I/O with, passed in (index.ts builds the real ones; tests pass fakes). */
export interface AppDeps {
  readonly reviewChange: ReviewChange;
  readonly queue: AnyQueue<ReviewJob>;
  /**
   * In-process mode's durability, a local file: each review is written to the journal before the
   * webhook is answered, and `pending` (what a stopped process left) is queued again on start.
   * The check run is only a courtesy. Absent with a durable (Redis) queue, which keeps the jobs itself.
   */
  readonly journal?: OpenedJournal<ReviewJob>;
  /** The same for slash commands (a resumed command first looks for its posted reply), in-process mode only. */
  readonly commandJournal?: OpenedJournal<CommandJob>;
  /** The same for scans (scheduled, re-run, or queued by `/patchsmith scan`), in-process mode only. */
  readonly scanJournal?: OpenedJournal<ScanJob>;
  readonly settings: AppSettings;
  /** Dependency declarations for commands that type-check outside a review (reviews get it through reviewChange). */
  readonly environment?: EnvironmentProvider;
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** The model, loaded on first use; undefined when none is configured. */
  readonly getGenerator?: () => Promise<Generator | undefined>;
  /** Defaults to Probot's logger. */
  readonly log?: JobLog;
  /** Defaults to one limiter for the process at `settings.writesPerMinute`. */
  readonly writeLimiter?: WriteLimiter;
  /** Told when a job ends (metrics, tests). */
  readonly onJobDone?: (job: ReviewJob, outcome: ReviewJobOutcome) => void;
  /** Told when a review is published: time per stage and suggestion counts (metrics). */
  readonly onReviewed?: (report: ReviewReport) => void;
  /** Repository scans (queue, lock, limits, the scheduler's ticker); without them no scan runs. */
  readonly scans?: ScanAppDeps;
  /** The queue of slash commands (never behind reviews); defaults to an in-process one. */
  readonly commandQueue?: CommandQueue<CommandJob>;
  /** The app's slug for `@<slug> <command>` (APP_SLUG); read from GitHub on first need when absent. */
  readonly appSlug?: string;
  /** Longest wait for a review job to be stored before its delivery is answered 503 (default RECORD_JOB_MS; tests shorten it). */
  readonly recordJobMs?: number;
  /** Told when a command ends (metrics, tests). */
  readonly onCommandDone?: (job: CommandJob, outcome: CommandOutcome) => void;
}

const PULL_REQUEST_EVENTS = ["pull_request.opened", "pull_request.synchronize", "pull_request.reopened", "pull_request.ready_for_review"] as const;

/**
 * The Probot app function: registers the webhook handlers (which decide and
 * enqueue, nothing more) and the job runner behind the queue.
 */
export function createApp(deps: AppDeps): ApplicationFunction {
  return (app) => {
    const log: JobLog = deps.log ?? app.log;
    const deliveries = createDeliveryFilter(deps.settings.deliveryMemory);
    const limiter = deps.writeLimiter ?? createWriteLimiter({ perMinute: deps.settings.writesPerMinute, now: deps.now, sleep: deps.sleep });

    const getOctokit = async (installationId: number): Promise<ProbotOctokit> => {
      const octokit = await app.auth(installationId);
      // Registered first, so it times each request (with Octokit's retries) but not the write limiter's wait.
      limitRequestTime(octokit, { ms: deps.settings.githubTimeoutMs, setting: "PATCHSMITH_GITHUB_TIMEOUT_MS" });
      guardWrites(octokit, { limiter, sleep: deps.sleep, log });
      return octokit;
    };
    // A review given up at start (it stopped the process each time) has its check run concluded, not left in progress.
    const onGiveUp = ({ id, data, starts }: JournalEntry<ReviewJob>): void => {
      const checkRunId = data.checkRunId;
      if (checkRunId === undefined) return;
      const what = `conclude the check run of the given-up review ${id}`;
      void attemptWithin({ ms: CHECK_RUN_TIMEOUT_MS, log, what, fields: { jobId: id, checkRunId } }, async (signal) => {
        await concludeGivenUpCheckRun({ octokit: await getOctokit(data.installationId), job: { ...data, checkRunId }, starts, now: new Date(deps.now()), signal });
      });
    };
    const journaled: JournalReviewQueue | undefined = deps.journal === undefined ? undefined : journalReviewQueue({ queue: deps.queue, journal: deps.journal.journal, log, onGiveUp });
    const queue = journaled ?? deps.queue;
    const add = async (job: ReviewJob): Promise<void> => {
      await queue.add({ id: reviewJobId(job), key: reviewJobKey(job), data: job, kind: "review" });
    };
    const jobDeps = {
      getOctokit,
      reviewChange: deps.reviewChange,
      ...(deps.getGenerator === undefined ? {} : { getGenerator: deps.getGenerator }),
      enqueue: (job: ReviewJob) => {
        add(job).catch((error: unknown) => {
          log.error({ err: error, jobId: reviewJobId(job) }, `Could not enqueue the review of ${reviewJobKey(job)}@${job.headSha.slice(0, 7)}`);
        });
      },
      now: deps.now,
      log,
      fetchConcurrency: deps.settings.fetchConcurrency,
      progressIntervalMs: deps.settings.progressIntervalMs,
      ...(deps.onReviewed === undefined ? {} : { onReviewed: deps.onReviewed }),
      ...(journaled === undefined
        ? {}
        : {
            onCheckRun: (job: ReviewJob, checkRunId: number) => {
              journaled.noteCheckRun(job, checkRunId);
            },
          }),
    };
    queue.process(async (job, signal) => {
      const outcome = await runReviewJob(jobDeps, job, AbortSignal.any([signal, AbortSignal.timeout(deps.settings.reviewTimeoutMs)]));
      deps.onJobDone?.(job, outcome);
    });
    // Jobs a stopped process left in a journal are queued again (each queue's handler is set first or waits for it).
    const recoverOnStart = (what: string, recover: () => Promise<number>): void => {
      void recover()
        .then((recovered) => {
          if (recovered > 0) log.info({ recovered }, `Enqueued ${String(recovered)} unfinished ${what} again (from the job journal)`);
        })
        .catch((error: unknown) => {
          log.error({ err: error }, `Could not enqueue the job journal's unfinished ${what} at start-up`);
        });
    };
    if (journaled !== undefined && deps.journal !== undefined) {
      const pending = deps.journal.pending;
      recoverOnStart("reviews", () => journaled.recover(pending));
    }
    const scanJournal = deps.scanJournal;
    const journaledScans =
      deps.scans === undefined || scanJournal === undefined
        ? undefined
        : journalQueue<ScanJob, AddOutcome>({ queue: deps.scans.queue, journal: scanJournal.journal, log, toQueued: (job) => ({ id: scanJobId(job), key: scanJobId(job), data: job, kind: "scan" }), refused: ["full"] });
    const scanQueue: AnyQueue<ScanJob> | undefined = journaledScans ?? deps.scans?.queue;
    if (deps.scans !== undefined && scanQueue !== undefined) {
      registerScans({ app, scans: { ...deps.scans, queue: scanQueue }, getOctokit, reviewChange: deps.reviewChange, ...(deps.getGenerator === undefined ? {} : { getGenerator: deps.getGenerator }), now: deps.now, log, progressIntervalMs: deps.settings.progressIntervalMs });
    }

    // Slash commands: the handler decides, authorises and queues; the command job answers.
    const memoryCommands = deps.commandQueue ?? createCommandQueue<CommandJob>({ concurrency: deps.settings.concurrency, log });
    const commandJournal = deps.commandJournal;
    const journaledCommands =
      commandJournal === undefined
        ? undefined
        : journalQueue<CommandJob, CommandAdmission>({
            queue: memoryCommands,
            journal: commandJournal.journal,
            log,
            toQueued: (job) => ({ id: commandJobId(job), key: commandJobKey(job), data: job, kind: "command" }),
            refused: ["busy"],
            resume: (job) => ({ ...job, resumed: true }),
            // Given up (it stopped the process each time): its comment gets 😕 instead of a 👀 that never ends.
            onGiveUp: ({ id, data }) => {
              void attemptWithin({ ms: CHECK_RUN_TIMEOUT_MS, log, what: `react to the given-up command ${id}`, fields: { jobId: id } }, async () => {
                await addCommentReaction({ octokit: await getOctokit(data.installationId), owner: data.owner, repo: data.repo, comment: data.comment, content: "confused" });
              });
            },
          });
    const commandQueue: CommandQueue<CommandJob> = journaledCommands ?? memoryCommands;
    const readAppSlug = createAppSlugReader({ slug: deps.appSlug, fetchSlug: async () => getAppSlug({ octokit: await app.auth() }), log });
    const commandDeps: CommandDeps = {
      ...jobDeps,
      runReview: (job, signal) => runReviewJob(jobDeps, job, signal),
      getAppSlug: readAppSlug,
      ...(deps.environment === undefined ? {} : { environment: deps.environment }),
      ...(scanQueue === undefined ? {} : { enqueueScan: (job: ScanJob) => enqueueScan(scanQueue, job) }),
    };
    commandQueue.process(async (job, signal) => {
      const outcome = await runCommandJob(commandDeps, job, AbortSignal.any([signal, AbortSignal.timeout(deps.settings.reviewTimeoutMs)]));
      deps.onCommandDone?.(job, outcome);
    });
    if (journaledCommands !== undefined && commandJournal !== undefined) {
      recoverOnStart("commands", () => journaledCommands.recover(commandJournal.pending));
    }
    if (journaledScans !== undefined && scanJournal !== undefined) {
      recoverOnStart("scans", () => journaledScans.recover(scanJournal.pending));
    }
    const accept = { deliveries, queue: commandQueue, getOctokit, log, ...(deps.recordJobMs === undefined ? {} : { recordMs: deps.recordJobMs }) };
    app.on("issue_comment.created", async (context) => {
      const decision = decideCommentEvent(context.id, { name: "issue_comment", payload: context.payload }, { appSlug: await readAppSlug() });
      await acceptCommand({ ...accept, deliveryId: context.id, decision });
    });
    app.on("pull_request_review_comment.created", async (context) => {
      const decision = decideCommentEvent(context.id, { name: "pull_request_review_comment", payload: context.payload }, { appSlug: await readAppSlug() });
      await acceptCommand({ ...accept, deliveryId: context.id, decision });
    });

    app.on([...PULL_REQUEST_EVENTS], async (context) => {
      await enqueueReview({ deliveryId: context.id, decision: decidePullRequestEvent(context.id, context.payload), queue, deliveries, log, ...(deps.recordJobMs === undefined ? {} : { recordMs: deps.recordJobMs }) });
    });
    app.on("check_run.rerequested", async (context) => {
      await enqueueReview({ deliveryId: context.id, decision: decideCheckRunEvent(context.id, context.payload), queue, deliveries, log, ...(deps.recordJobMs === undefined ? {} : { recordMs: deps.recordJobMs }) });
    });
    app.on(["installation", "installation_repositories"], (context) => {
      const account = context.payload.installation.account;
      const name = account !== null && "login" in account ? account.login : "an account";
      log.info({ deliveryId: context.id, installationId: context.payload.installation.id }, `Installation event ${context.name}.${context.payload.action} for ${name}`);
      return Promise.resolve();
    });
  };
}
