import type { ProbotOctokit } from "probot";
import { createCheckRun } from "../github/create-check-run.js";
import { updateCheckRun } from "../github/update-check-run.js";
import { toCheckRunRecord } from "./check-run-record.js";
import type { JobLog } from "./job-log.js";
import type { AddOutcome, AnyQueue, Queue } from "./queue.js";
import { reviewJobKey, type ReviewJob } from "./review-job.js";

/**
 * In-process mode's durability without a database: before a review is queued
 * (and so before the webhook is answered), its `patchsmith` check run is
 * created `queued`, carrying the job in `external_id`; the job then reuses it.
 * A restart finds such runs (`recoverCheckRuns`). Runs of jobs that are not
 * queued after all (a duplicate, a full queue) or that a newer push replaced
 * while waiting are completed at once, so nothing is recovered twice.
 * When GitHub refuses the check run, the job is queued anyway (not durable; logged).
 */
export function recordQueuedCheckRuns(params: {
  readonly queue: AnyQueue<ReviewJob>;
  readonly getOctokit: (installationId: number) => Promise<Pick<ProbotOctokit, "rest">>;
  readonly now: () => number;
  readonly log: JobLog;
}): Queue<ReviewJob, Promise<AddOutcome>> {
  const { queue, log } = params;
  // Per key, the job added last that has not started: if a newer one supersedes it, it was dropped.
  const waiting = new Map<string, ReviewJob>();

  const complete = async (job: ReviewJob, title: string, summary: string): Promise<void> => {
    if (job.checkRunId === undefined) return;
    try {
      const octokit = await params.getOctokit(job.installationId);
      await updateCheckRun({ octokit, owner: job.owner, repo: job.repo, checkRunId: job.checkRunId, output: { title, summary }, completed: { conclusion: "neutral", at: new Date(params.now()) } });
    } catch (error) {
      log.warn({ err: error, checkRunId: job.checkRunId }, `Could not complete check run ${String(job.checkRunId)}`);
    }
  };

  return {
    async add(queued) {
      let data = queued.data;
      if (data.checkRunId === undefined) {
        try {
          const octokit = await params.getOctokit(data.installationId);
          const checkRunId = await createCheckRun({
            octokit,
            owner: data.owner,
            repo: data.repo,
            headSha: data.headSha,
            startedAt: new Date(params.now()),
            status: "queued",
            externalId: toCheckRunRecord(data),
            output: { title: "Queued", summary: `patchsmith will review ${data.headSha.slice(0, 7)} shortly.` },
          });
          data = { ...data, checkRunId };
        } catch (error) {
          log.warn({ err: error, jobId: queued.id }, `Could not create the queued check run of ${queued.id}; the review is queued, but a restart before it runs loses it`);
        }
      }
      const outcome = await queue.add({ ...queued, data });
      if (outcome === "duplicate") await complete(data, "Already queued", "The same review is already queued or running.");
      if (outcome === "full") await complete(data, "Not reviewed: queue full", "patchsmith had too many reviews waiting. Re-run this check later.");
      if (outcome === "queued" || outcome === "superseded") {
        const before = waiting.get(queued.key);
        waiting.set(queued.key, data);
        if (outcome === "superseded" && before !== undefined && before !== data) await complete(before, "Superseded", `A newer push replaced ${before.headSha.slice(0, 7)} before its review started.`);
      }
      return outcome;
    },
    process(handler) {
      queue.process((job, signal) => {
        const key = reviewJobKey(job);
        if (waiting.get(key)?.headSha === job.headSha) waiting.delete(key);
        return handler(job, signal);
      });
    },
    onIdle: () => queue.onIdle(),
    size: () => queue.size(),
    close: (options) => queue.close(options),
  };
}
