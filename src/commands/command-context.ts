import type { EnvironmentProvider } from "../environment/acquire-environment.js";
import type { AddOutcome } from "../jobs/queue.js";
import type { ScanJob } from "../scan/scan-job.js";
import type { ProbotOctokit } from "probot";
import type { CommandJob } from "../jobs/command-job.js";
import type { JobLog } from "../log/job-log.js";
import type { ReviewJob } from "../github/review-job.js";
import type { ReviewJobOutcome } from "../jobs/run-review-job.js";
import type { Generator } from "../llm/generator.js";

/** Everything a command job uses, passed in: GitHub, the model, the review runner, the clock, the log. */
export interface CommandDeps {
  /** An Octokit for the installation (writes go through the app's write limiter). */
  readonly getOctokit: (installationId: number) => Promise<ProbotOctokit>;
  /** The model, loaded on first use; undefined when none is configured. */
  readonly getGenerator?: () => Promise<Generator | undefined>;
  /** Run one review now (the review job, without its queue). */
  readonly runReview: (job: ReviewJob, signal: AbortSignal) => Promise<ReviewJobOutcome>;
  /** The app's slug, for the help text's `@<slug>` form; undefined when unknown. */
  readonly getAppSlug?: () => Promise<string | undefined>;
  readonly now: () => number;
  readonly log: JobLog;
  /** Blobs fetched at once when a command reads files. */
  readonly fetchConcurrency: number;
  /** Queue a repository scan now (`/patchsmith scan`); absent when scans are not set up. */
  readonly enqueueScan?: (job: ScanJob) => AddOutcome | Promise<AddOutcome>;
  /** Dependency declarations for commands that type-check (`fix`); absent when PATCHSMITH_TYPES=off. */
  readonly environment?: EnvironmentProvider;
}

/** One running command: its job, an Octokit for its installation, and the signal that stops it. */
export interface CommandContext {
  readonly deps: CommandDeps;
  readonly job: CommandJob;
  readonly octokit: ProbotOctokit;
  readonly signal: AbortSignal;
}

/**
 * What a command answers: the reply's markdown (every piece not written by
 * patchsmith already sanitised), and whether it did what was asked (🚀) or
 * not (😕, the reply says why).
 */
export interface CommandResult {
  readonly ok: boolean;
  readonly body: string;
}

export type CommandHandler = (context: CommandContext) => Promise<CommandResult>;
