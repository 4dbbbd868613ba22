import type { ProbotOctokit } from "probot";
import type { CheckConclusion } from "./create-check-run.js";
import { limitCheckOutput, type CheckOutput } from "./limit-check-output.js";

/** The check run a scan keeps on the commit it scans (apart from the pull-request check, `patchsmith`). */
export const SCAN_CHECK_RUN_NAME = "patchsmith scan";

/** Create the `patchsmith scan` check run on the scanned commit, in progress or already completed; returns its id. */
export async function createScanCheckRun(params: {
  readonly octokit: Pick<ProbotOctokit, "rest">;
  readonly owner: string;
  readonly repo: string;
  readonly headSha: string;
  readonly startedAt: Date;
  readonly output: CheckOutput;
  readonly conclusion?: CheckConclusion;
}): Promise<number> {
  const { data } = await params.octokit.rest.checks.create({
    owner: params.owner,
    repo: params.repo,
    name: SCAN_CHECK_RUN_NAME,
    head_sha: params.headSha,
    started_at: params.startedAt.toISOString(),
    output: limitCheckOutput(params.output),
    ...(params.conclusion === undefined
      ? { status: "in_progress" as const }
      : { status: "completed" as const, conclusion: params.conclusion, completed_at: params.startedAt.toISOString() }),
  });
  return data.id;
}
