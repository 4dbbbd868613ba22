import type { ProbotOctokit } from "probot";
import { createCheckRun, type CheckConclusion } from "./create-check-run.js";
import type { CheckOutput } from "./limit-check-output.js";

/** The check run a scan keeps on the commit it scans (apart from the pull-request check, `patchsmith`). */
export const SCAN_CHECK_RUN_NAME = "patchsmith scan";

/** Create the `patchsmith scan` check run on the scanned commit, in progress or already completed; returns its id. */
export function createScanCheckRun(params: {
  readonly octokit: Pick<ProbotOctokit, "rest">;
  readonly owner: string;
  readonly repo: string;
  readonly headSha: string;
  readonly startedAt: Date;
  readonly output: CheckOutput;
  readonly conclusion?: CheckConclusion;
}): Promise<number> {
  return createCheckRun({ ...params, name: SCAN_CHECK_RUN_NAME });
}
