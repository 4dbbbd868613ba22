import { dedupeKey } from "./dedupe-key.js";

/** Why a review runs: the pull_request action, or a re-run asked for on the check run. */
export type ReviewTrigger = "opened" | "synchronize" | "reopened" | "ready_for_review" | "rerequested";

/**
 * One review to do, as plain JSON data (so a durable queue can store it).
 * The job re-reads the pull request when it starts: the payload may be stale by then.
 */
export interface ReviewJob {
  readonly kind: "review";
  /** The X-GitHub-Delivery id of the webhook that asked for it. */
  readonly deliveryId: string;
  readonly installationId: number;
  readonly owner: string;
  readonly repo: string;
  readonly pullNumber: number;
  /** The head commit the webhook announced. */
  readonly headSha: string;
  readonly trigger: ReviewTrigger;
  /** Login of the person who asked for this review (`/patchsmith review`): it runs even on a draft or a paused pull request. */
  readonly requestedBy?: string;
  /** The `patchsmith` check run created `queued` when the job was accepted (in-process mode): the job reuses it, and a restart finds it. */
  readonly checkRunId?: number;
}

/** The queue key of a pull request: a newer job for the same key supersedes an older one. */
export function reviewJobKey(job: Pick<ReviewJob, "owner" | "repo" | "pullNumber">): string {
  return `${job.owner}/${job.repo}#${job.pullNumber}`;
}

/** The identity of a job: the same id twice is the same work (a redelivery, a double click). */
export function reviewJobId(job: Pick<ReviewJob, "owner" | "repo" | "pullNumber" | "headSha" | "trigger" | "deliveryId">): string {
  const base = dedupeKey({ ...job, kind: "review" });
  return job.trigger === "rerequested" ? `${base}:rerun:${job.deliveryId}` : base;
}
