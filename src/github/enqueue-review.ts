import { JobNotRecordedError } from "../jobs/job-not-recorded-error.js";
import type { JobLog } from "../jobs/job-log.js";
import type { AnyQueue } from "../jobs/queue.js";
import { reviewJobId, reviewJobKey, type ReviewJob } from "../jobs/review-job.js";
import type { DeliveryFilter } from "./create-delivery-filter.js";
import type { Decision } from "./decide-pull-request-event.js";
import { withinMs } from "../jobs/within-ms.js";

/**
 * Longest wait for a job to be stored before the webhook is answered 503: well
 * under GitHub's 10 s, and under the 9 s after which Probot's middleware
 * answers 202 on its own (which would acknowledge a job not yet stored).
 */
export const RECORD_JOB_MS = 5_000;

/**
 * The whole of a webhook handler after its decision: ignore a redelivery,
 * log a skip, or enqueue the job (superseding an older run of the same PR).
 * No GitHub call (beyond the `queued` check run when check runs are the record), so GitHub gets its answer at once;
 * it resolves once the job is stored (in Redis, or in the local journal). A job not stored within
 * `recordMs` throws JobNotRecordedError (answered 503), and the delivery id is forgotten, so a
 * redelivery of it is handled.
 */
export async function enqueueReview(params: {
  readonly deliveryId: string;
  readonly decision: Decision;
  readonly queue: AnyQueue<ReviewJob>;
  readonly deliveries: DeliveryFilter;
  readonly log: JobLog;
  /** Default RECORD_JOB_MS. */
  readonly recordMs?: number;
}): Promise<void> {
  const { deliveryId, decision, log } = params;
  if (!params.deliveries.firstTime(deliveryId)) {
    log.info({ deliveryId }, `Delivery ${deliveryId} was already handled; ignoring the redelivery`);
    return;
  }
  if (!decision.review) {
    log.debug({ deliveryId, reason: decision.reason }, `No review: ${decision.reason}`);
    return;
  }
  const job = decision.job;
  const recordMs = params.recordMs ?? RECORD_JOB_MS;
  const notRecorded = (cause?: unknown): JobNotRecordedError => {
    params.deliveries.forget(deliveryId);
    // The delivery id names it; what the payload says (owner, repository) stays out of an error that Probot logs whole.
    const why = cause === undefined ? `within ${String(recordMs)} ms` : `(${cause instanceof Error ? cause.message : "the queue refused it"})`;
    const error = new JobNotRecordedError(`The review job of delivery ${deliveryId} could not be stored ${why}; answered 503 so GitHub can deliver it again.`, { cause });
    log.error({ deliveryId }, error.message);
    return error;
  };
  let outcome;
  try {
    outcome = await withinMs(Promise.resolve(params.queue.add({ id: reviewJobId(job), key: reviewJobKey(job), data: job, kind: "review" })), recordMs, () => {
      throw notRecorded();
    });
  } catch (error) {
    throw error instanceof JobNotRecordedError ? error : notRecorded(error);
  }
  log.info({ deliveryId, jobId: reviewJobId(job), outcome }, `Review of ${reviewJobKey(job)}@${job.headSha.slice(0, 7)}: ${outcome}`);
}
