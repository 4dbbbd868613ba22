import { getPullRequest } from "../github/get-pull-request.js";
import type { ReviewJobOutcome } from "../jobs/run-review-job.js";
import { sanitizeModelText } from "../review/sanitize-model-text.js";
import type { CommandContext, CommandResult } from "./command-context.js";

/**
 * `review` in the conversation: a full review of the current head, whatever
 * earlier reviews covered (the same run as the check run's "Re-run"), even
 * when automatic reviews are paused or the pull request is a draft: someone
 * asked for it. The review, its check run and this reply are the answer.
 */
export async function handleReviewCommand(context: CommandContext): Promise<CommandResult> {
  const { job, octokit, deps, signal } = context;
  const pr = await getPullRequest({ octokit, owner: job.owner, repo: job.repo, pullNumber: job.pullNumber });
  if (pr.state === "closed") return { ok: false, body: "This pull request is closed; reopen it to have it reviewed." };
  const outcome = await deps.runReview(
    {
      kind: "review",
      deliveryId: job.deliveryId,
      installationId: job.installationId,
      owner: job.owner,
      repo: job.repo,
      pullNumber: job.pullNumber,
      headSha: pr.headSha,
      trigger: "rerequested",
      requestedBy: job.author,
    },
    signal,
  );
  return describeOutcome(outcome, pr.headSha.slice(0, 7));
}

function describeOutcome(outcome: ReviewJobOutcome, sha: string): CommandResult {
  const safe = (text: string): string => sanitizeModelText(text);
  switch (outcome.kind) {
    case "reviewed": {
      const posted = `${outcome.posted} new inline comment${outcome.posted === 1 ? "" : "s"}`;
      const repeats = outcome.duplicates > 0 ? `; ${outcome.duplicates} already posted by an earlier review ${outcome.duplicates === 1 ? "was" : "were"} left out` : "";
      const body = outcome.reviewId === undefined ? "nothing new to post" : posted + repeats;
      return { ok: true, body: `Reviewed ${sha} in full: ${body}. The \`patchsmith\` check run has the summary.` };
    }
    case "up-to-date":
      return { ok: true, body: `${sha} was already reviewed; nothing new to review.` };
    case "skipped":
      return { ok: false, body: `No review: ${safe(outcome.reason)}.` };
    case "invalid-config":
      return { ok: false, body: `No review: ${safe(outcome.message)} Fix the file on the default branch and ask again.` };
    case "stopped":
      return { ok: false, body: `The review was stopped: ${safe(outcome.reason)}.` };
    case "failed":
      return { ok: false, body: `The review failed: ${safe(outcome.message)} Ask again to retry; the app's log has the details.` };
  }
}
