import type { ProbotOctokit } from "probot";
import { limitCheckOutput, type CheckOutput } from "./limit-check-output.js";

/** Move a check run back to `queued` (its job was requeued) or on to `in_progress` (its job started), with new text. */
export async function setCheckRunStatus(params: {
  readonly octokit: Pick<ProbotOctokit, "rest">;
  readonly owner: string;
  readonly repo: string;
  readonly checkRunId: number;
  readonly status: "queued" | "in_progress";
  readonly output: CheckOutput;
  /** When the job started (with "in_progress"). */
  readonly startedAt?: Date;
  /** Aborts the request (a check run is a courtesy: its caller gives it a time limit). */
  readonly signal?: AbortSignal;
}): Promise<void> {
  await params.octokit.rest.checks.update({
    owner: params.owner,
    repo: params.repo,
    check_run_id: params.checkRunId,
    status: params.status,
    output: limitCheckOutput(params.output),
    ...(params.startedAt === undefined ? {} : { started_at: params.startedAt.toISOString() }),
    ...(params.signal === undefined ? {} : { request: { signal: params.signal } }),
  });
}
