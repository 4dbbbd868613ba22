import type { ProbotOctokit } from "probot";
import { listAppInstallations } from "../github/list-app-installations.js";
import { listInstallationRepositories } from "../github/list-installation-repositories.js";
import { listPendingCheckRuns } from "../github/list-pending-check-runs.js";
import { fromCheckRunRecord } from "./check-run-record.js";
import type { JobLog } from "./job-log.js";
import type { ReviewJob } from "./review-job.js";

/**
 * In-process mode's restart recovery: the app's own `patchsmith` check runs
 * still `queued` or `in_progress` are jobs a stopped process accepted and did
 * not finish. For every installation and repository, find them and enqueue
 * their reviews again (reusing each check run). Returns how many were enqueued;
 * a repository that cannot be read is logged and skipped.
 */
export async function recoverCheckRuns(params: {
  /** The app's own Octokit (JWT), to list installations. */
  readonly appOctokit: Pick<ProbotOctokit, "rest" | "paginate">;
  readonly getOctokit: (installationId: number) => Promise<Pick<ProbotOctokit, "rest" | "paginate">>;
  readonly enqueue: (job: ReviewJob) => Promise<unknown>;
  readonly appId?: number;
  readonly log: JobLog;
}): Promise<number> {
  let enqueued = 0;
  for (const installation of await listAppInstallations({ octokit: params.appOctokit })) {
    const octokit = await params.getOctokit(installation.id);
    for (const repository of await listInstallationRepositories({ octokit, installationId: installation.id })) {
      if (repository.archived || repository.disabled) continue;
      const { owner, repo } = repository;
      try {
        const runs = await listPendingCheckRuns({ octokit, owner, repo, ...(params.appId === undefined ? {} : { appId: params.appId }) });
        for (const run of runs) {
          const job = fromCheckRunRecord({ record: run.externalId, checkRunId: run.checkRunId, installationId: installation.id, owner, repo, pullNumber: run.pullNumber, headSha: run.headSha });
          await params.enqueue(job);
          enqueued++;
          params.log.info({ repository: `${owner}/${repo}`, pullNumber: run.pullNumber, checkRunId: run.checkRunId }, `Enqueued again the unfinished review of ${owner}/${repo}#${String(run.pullNumber)}`);
        }
      } catch (error) {
        params.log.warn({ err: error, repository: `${owner}/${repo}` }, `Could not look for unfinished reviews in ${owner}/${repo}; skipped`);
      }
    }
  }
  return enqueued;
}
