import type { ReviewJob, ReviewTrigger } from "./review-job.js";

/** The fields of a `pull_request` webhook payload that the decision reads. */
export interface PullRequestPayload {
  readonly action: string;
  readonly number: number;
  readonly pull_request: {
    readonly state: string;
    readonly head: { readonly sha: string };
    readonly user: { readonly login: string; readonly type?: string | undefined } | null;
  };
  readonly repository: { readonly name: string; readonly owner: { readonly login: string } };
  readonly installation?: { readonly id: number } | undefined;
}

export type Decision = { readonly review: true; readonly job: ReviewJob } | { readonly review: false; readonly reason: string };

const TRIGGERS: ReadonlySet<string> = new Set<ReviewTrigger>(["opened", "synchronize", "reopened", "ready_for_review"]);

/**
 * Whether a `pull_request` event asks for a review, from the payload alone (no
 * GitHub call, so the webhook is answered at once). Drafts and paused pull
 * requests depend on the repository's config and comments: the job decides those.
 */
export function decidePullRequestEvent(deliveryId: string, payload: PullRequestPayload): Decision {
  if (!TRIGGERS.has(payload.action)) return { review: false, reason: `action ${payload.action} does not trigger a review` };
  const pr = payload.pull_request;
  if (pr.state !== "open") return { review: false, reason: "the pull request is closed" };
  if (pr.user !== null && (pr.user.type === "Bot" || pr.user.login.endsWith("[bot]"))) return { review: false, reason: `opened by a bot (${pr.user.login})` };
  if (payload.installation === undefined) return { review: false, reason: "the event has no installation" };
  return {
    review: true,
    job: {
      kind: "review",
      deliveryId,
      installationId: payload.installation.id,
      owner: payload.repository.owner.login,
      repo: payload.repository.name,
      pullNumber: payload.number,
      headSha: pr.head.sha,
      trigger: payload.action as ReviewTrigger,
    },
  };
}
