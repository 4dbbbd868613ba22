import type { ProbotOctokit } from "probot";
import { createCheckRun } from "../github/create-check-run.js";
import { updateCheckRun } from "../github/update-check-run.js";
import { toCheckRunRecord } from "./check-run-record.js";
import type { JobLog } from "./job-log.js";
import type { AddOutcome, AnyQueue, Queue, QueuedJob } from "./queue.js";
import { reviewJobId, reviewJobKey, type ReviewJob } from "./review-job.js";

/**
 * In-process mode's durability without a database: before a review is queued
 * (and so before the webhook is answered), its `patchsmith` check run is
 * created `queued`, carrying the job in `external_id`; the job then reuses it.
 * A restart finds such runs (`recoverCheckRuns`). Runs of jobs that are not
 * queued after all (a duplicate, a full queue) or that a newer push replaced
 * while waiting are completed at once, so nothing is recovered twice.
 * When GitHub refuses the check run, the job is queued anyway (not durable; logged).
 * Repeats of a job that is being added or waits (a redelivery flood) are
 * answered "duplicate" before any check run is made: one check run per job.
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
  // Jobs being added (their check run on its way) or waiting, by id: a repeat costs no write.
  const accepted = new Map<string, Promise<AddOutcome>>();

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
      const earlier = accepted.get(queued.id);
      if (earlier !== undefined) {
        const outcome = await earlier;
        if (outcome !== "full" && accepted.has(queued.id)) return "duplicate";
      }
      const adding = addOnce(queued);
      accepted.set(queued.id, adding);
      const outcome = await adding.catch((error: unknown) => {
        accepted.delete(queued.id);
        throw error;
      });
      if (outcome !== "queued" && outcome !== "superseded") accepted.delete(queued.id);
      return outcome;
    },
    process(handler) {
      queue.process(async (job, signal) => {
        const key = reviewJobKey(job);
        if (waiting.get(key)?.headSha === job.headSha) waiting.delete(key);
        try {
          await handler(job, signal);
        } finally {
          // Until it ends, a repeat of the running job is a duplicate too (the queue would refuse it).
          accepted.delete(reviewJobId(job));
        }
      });
    },
    onIdle: () => queue.onIdle(),
    size: () => queue.size(),
    close: (options) => queue.close(options),
  };

  async function addOnce(queued: QueuedJob<ReviewJob>): Promise<AddOutcome> {
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
      if (outcome === "superseded" && before !== undefined && before !== data) {
        accepted.delete(reviewJobId(before));
        await complete(before, "Superseded", `A newer push replaced ${before.headSha.slice(0, 7)} before its review started.`);
      }
    }
    return outcome;
  }
}
