import type { JobLog } from "../jobs/job-log.js";
import type { AnyQueue } from "../jobs/queue.js";
import { reviewJobId, reviewJobKey, type ReviewJob } from "../jobs/review-job.js";
import type { DeliveryFilter } from "./create-delivery-filter.js";
import type { Decision } from "./decide-pull-request-event.js";

/**
 * The whole of a webhook handler after its decision: ignore a redelivery,
 * log a skip, or enqueue the job (superseding an older run of the same PR).
 * No GitHub call (beyond the `queued` check run in in-process mode), so GitHub gets its answer at once;
 * with a durable queue it resolves once the job is stored.
 */
export async function enqueueReview(params: {
  readonly deliveryId: string;
  readonly decision: Decision;
  readonly queue: AnyQueue<ReviewJob>;
  readonly deliveries: DeliveryFilter;
  readonly log: JobLog;
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
  const outcome = await params.queue.add({ id: reviewJobId(job), key: reviewJobKey(job), data: job, kind: "review" });
  log.info({ deliveryId, jobId: reviewJobId(job), outcome }, `Review of ${reviewJobKey(job)}@${job.headSha.slice(0, 7)}: ${outcome}`);
}
