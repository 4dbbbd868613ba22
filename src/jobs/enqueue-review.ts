import type { JobLog } from "../log/job-log.js";
import { recordJobWithin } from "./record-job-within.js";
import type { AnyQueue } from "./queue.js";
import { reviewJobId, reviewJobKey, type ReviewJob } from "../github/review-job.js";
import type { DeliveryFilter } from "../github/create-delivery-filter.js";
import type { Decision } from "../github/decide-pull-request-event.js";

/**
 * The whole of a webhook handler after its decision: ignore a redelivery,
 * log a skip, or enqueue the job (superseding an older run of the same PR).
 * No GitHub call, so GitHub gets its answer at once;
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
  const outcome = await recordJobWithin({
    kind: "review",
    deliveryId,
    add: () => params.queue.add({ id: reviewJobId(job), key: reviewJobKey(job), data: job, kind: "review" }),
    ...(params.recordMs === undefined ? {} : { ms: params.recordMs }),
    forget: (id) => {
      params.deliveries.forget(id);
    },
    log,
  });
  log.info({ deliveryId, jobId: reviewJobId(job), outcome }, `Review of ${reviewJobKey(job)}@${job.headSha.slice(0, 7)}: ${outcome}`);
}
