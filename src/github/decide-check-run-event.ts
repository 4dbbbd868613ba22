import type { ReviewJob } from "./review-job.js";
import { CHECK_RUN_NAME } from "./create-check-run.js";
import type { Decision } from "./decide-pull-request-event.js";

/** The fields of a `check_run` webhook payload that the decision reads. */
export interface CheckRunPayload {
  readonly action: string;
  readonly check_run: {
    readonly name: string;
    readonly head_sha: string;
    readonly pull_requests: readonly { readonly number: number }[];
  };
  readonly repository: { readonly name: string; readonly owner: { readonly login: string } };
  readonly installation?: { readonly id: number } | undefined;
}

/** A `check_run.rerequested` on patchsmith's own check run re-runs the review of that head, in full. */
export function decideCheckRunEvent(deliveryId: string, payload: CheckRunPayload): Decision {
  const run = payload.check_run;
  if (payload.action !== "rerequested") return { review: false, reason: `action ${payload.action} does not trigger a review` };
  if (run.name !== CHECK_RUN_NAME) return { review: false, reason: `check run "${run.name}" is not patchsmith's` };
  const pr = run.pull_requests[0];
  if (pr === undefined) {
    return { review: false, reason: "the check run lists no pull request (GitHub leaves it empty for pull requests from forks); push a commit to review it" };
  }
  if (payload.installation === undefined) return { review: false, reason: "the event has no installation" };
  const job: ReviewJob = {
    kind: "review",
    deliveryId,
    installationId: payload.installation.id,
    owner: payload.repository.owner.login,
    repo: payload.repository.name,
    pullNumber: pr.number,
    headSha: run.head_sha,
    trigger: "rerequested",
  };
  return { review: true, job };
}
