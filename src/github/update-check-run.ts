import type { ProbotOctokit } from "probot";
import type { CheckConclusion } from "./create-check-run.js";
import { limitCheckOutput, type CheckOutput } from "./limit-check-output.js";

/** Update the check run's text while it works, or complete it with a conclusion. */
export async function updateCheckRun(params: {
  readonly octokit: Pick<ProbotOctokit, "rest">;
  readonly owner: string;
  readonly repo: string;
  readonly checkRunId: number;
  readonly output: CheckOutput;
  readonly completed?: { readonly conclusion: CheckConclusion; readonly at: Date };
  /** Aborts the request (a check run is a courtesy: its caller gives it a time limit). */
  readonly signal?: AbortSignal;
}): Promise<void> {
  await params.octokit.rest.checks.update({
    owner: params.owner,
    repo: params.repo,
    check_run_id: params.checkRunId,
    output: limitCheckOutput(params.output),
    ...(params.completed === undefined
      ? {}
      : { status: "completed" as const, conclusion: params.completed.conclusion, completed_at: params.completed.at.toISOString() }),
    ...(params.signal === undefined ? {} : { request: { signal: params.signal } }),
  });
}
