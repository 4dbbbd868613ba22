import type { ProbotOctokit } from "probot";
import type { ReviewJob } from "./review-job.js";
import { updateCheckRun } from "./update-check-run.js";

/**
 * Complete, `neutral`, the check run of a review the job journal gave up on
 * (its process stopped every time it ran): otherwise it would stay
 * `in_progress` for ever. Its text says how to try again.
 */
export async function concludeGivenUpCheckRun(params: {
  readonly octokit: Pick<ProbotOctokit, "rest">;
  readonly job: ReviewJob & { readonly checkRunId: number };
  /** How many times a process started the review and never finished it. */
  readonly starts: number;
  readonly now: Date;
  readonly signal?: AbortSignal;
}): Promise<void> {
  const { job } = params;
  await updateCheckRun({
    octokit: params.octokit,
    owner: job.owner,
    repo: job.repo,
    checkRunId: job.checkRunId,
    output: {
      title: "Not reviewed",
      summary: `patchsmith stopped ${String(params.starts)} times while reviewing ${job.headSha.slice(0, 7)} and gave up (the server's log has the reason). Push a new commit or re-run this check to try again.`,
    },
    completed: { conclusion: "neutral", at: params.now },
    ...(params.signal === undefined ? {} : { signal: params.signal }),
  });
}
