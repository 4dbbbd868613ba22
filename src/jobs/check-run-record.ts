import type { ReviewJob, ReviewTrigger } from "./review-job.js";

const TRIGGERS: readonly ReviewTrigger[] = ["opened", "synchronize", "reopened", "ready_for_review", "rerequested"];

/** The part of a review job kept in its check run's `external_id`, so a restart can rebuild the job. */
export function toCheckRunRecord(job: ReviewJob): string {
  return JSON.stringify({ v: 1, d: job.deliveryId, t: job.trigger, p: job.pullNumber, ...(job.requestedBy === undefined ? {} : { r: job.requestedBy }) });
}

/**
 * Rebuild a review job from a pending check run. A run without a readable
 * record (made by an older version, or edited) still gives a job: a
 * `synchronize` review of its head, which skips itself if the head moved on.
 */
export function fromCheckRunRecord(params: {
  readonly record: string | null;
  readonly checkRunId: number;
  readonly installationId: number;
  readonly owner: string;
  readonly repo: string;
  readonly pullNumber: number;
  readonly headSha: string;
}): ReviewJob {
  const parsed = parse(params.record);
  const trigger = TRIGGERS.find((t) => t === parsed?.t) ?? "synchronize";
  return {
    kind: "review",
    deliveryId: typeof parsed?.d === "string" ? parsed.d : `recovered-${String(params.checkRunId)}`,
    installationId: params.installationId,
    owner: params.owner,
    repo: params.repo,
    pullNumber: params.pullNumber,
    headSha: params.headSha,
    trigger,
    ...(typeof parsed?.r === "string" ? { requestedBy: parsed.r } : {}),
    checkRunId: params.checkRunId,
  };
}

function parse(record: string | null): Record<string, unknown> | undefined {
  if (record === null) return undefined;
  try {
    const value: unknown = JSON.parse(record);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
