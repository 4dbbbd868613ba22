import type { ApplicationFunction, ProbotOctokit } from "probot";
import type { AppSettings } from "./config/app-settings.js";
import { createDeliveryFilter } from "./github/create-delivery-filter.js";
import { createWriteLimiter, type WriteLimiter } from "./github/create-write-limiter.js";
import { decideCheckRunEvent } from "./github/decide-check-run-event.js";
import { decidePullRequestEvent } from "./github/decide-pull-request-event.js";
import { enqueueReview } from "./github/enqueue-review.js";
import { guardWrites } from "./github/guard-writes.js";
import type { JobLog } from "./jobs/job-log.js";
import type { Queue } from "./jobs/queue.js";
import { reviewJobId, reviewJobKey, type ReviewJob } from "./jobs/review-job.js";
import { runReviewJob, type ReviewJobOutcome } from "./jobs/run-review-job.js";
import type { Generator } from "./llm/generator.js";
import type { ReviewChange } from "./review/review-types.js";

/** Everything the app does I/O with, passed in (index.ts builds the real ones; tests pass fakes). */
export interface AppDeps {
  readonly reviewChange: ReviewChange;
  readonly queue: Queue<ReviewJob>;
  readonly settings: AppSettings;
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
      guardWrites(octokit, { limiter, sleep: deps.sleep, log });
      return octokit;
    };
    const jobDeps = {
      getOctokit,
      reviewChange: deps.reviewChange,
      ...(deps.getGenerator === undefined ? {} : { getGenerator: deps.getGenerator }),
      enqueue: (job: ReviewJob) => {
        deps.queue.add({ id: reviewJobId(job), key: reviewJobKey(job), data: job });
      },
      now: deps.now,
      log,
      fetchConcurrency: deps.settings.fetchConcurrency,
      progressIntervalMs: deps.settings.progressIntervalMs,
    };
    deps.queue.process(async (job, signal) => {
      const outcome = await runReviewJob(jobDeps, job, AbortSignal.any([signal, AbortSignal.timeout(deps.settings.reviewTimeoutMs)]));
      deps.onJobDone?.(job, outcome);
    });

    app.on([...PULL_REQUEST_EVENTS], (context) => {
      enqueueReview({ deliveryId: context.id, decision: decidePullRequestEvent(context.id, context.payload), queue: deps.queue, deliveries, log });
      return Promise.resolve();
    });
    app.on("check_run.rerequested", (context) => {
      enqueueReview({ deliveryId: context.id, decision: decideCheckRunEvent(context.id, context.payload), queue: deps.queue, deliveries, log });
      return Promise.resolve();
    });
    app.on(["installation", "installation_repositories"], (context) => {
      const account = context.payload.installation.account;
      const name = account !== null && "login" in account ? account.login : "an account";
      log.info({ deliveryId: context.id, installationId: context.payload.installation.id }, `Installation event ${context.name}.${context.payload.action} for ${name}`);
      return Promise.resolve();
    });
  };
}
