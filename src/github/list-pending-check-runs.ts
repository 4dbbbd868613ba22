import type { ProbotOctokit } from "probot";
import { CHECK_RUN_NAME } from "./create-check-run.js";

/** A `patchsmith` check run still `queued` or `in_progress` on an open pull request's head. */
export interface PendingCheckRun {
  readonly checkRunId: number;
  readonly pullNumber: number;
  readonly headSha: string;
  /** What the job left in `external_id` (see check-run-record.ts). */
  readonly externalId: string | null;
}

/**
 * The repository's open pull requests, and on each head the app's own
 * `patchsmith` check runs that never completed (the app stopped first).
 * Check runs are listed per commit, so this costs one request per open pull request.
 */
export async function listPendingCheckRuns(params: {
  readonly octokit: Pick<ProbotOctokit, "rest" | "paginate">;
  readonly owner: string;
  readonly repo: string;
  /** Only runs made by this app (another app may use the same check name). */
  readonly appId?: number;
}): Promise<PendingCheckRun[]> {
  const { octokit, owner, repo } = params;
  const pulls = await octokit.paginate(octokit.rest.pulls.list, { owner, repo, state: "open", per_page: 100 });
  const pending: PendingCheckRun[] = [];
  for (const pull of pulls) {
    const { data } = await octokit.rest.checks.listForRef({ owner, repo, ref: pull.head.sha, check_name: CHECK_RUN_NAME, filter: "latest", per_page: 100 });
    for (const run of data.check_runs) {
      if (run.status !== "queued" && run.status !== "in_progress") continue;
      if (params.appId !== undefined && run.app?.id !== params.appId) continue;
      pending.push({ checkRunId: run.id, pullNumber: pull.number, headSha: pull.head.sha, externalId: run.external_id });
    }
  }
  return pending;
}
