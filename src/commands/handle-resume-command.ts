import { findPauseComments } from "../github/find-pause-comments.js";
import { requestErrorInfo } from "../github/request-error-info.js";
import { updateIssueComment } from "../github/update-issue-comment.js";
import { inlineCode } from "../review/inline-code.js";
import type { CommandContext, CommandResult } from "./command-context.js";

/**
 * `resume` in the conversation: edit the paused marker out of every comment
 * that carries it (the state is in GitHub, not in memory). The next push is
 * reviewed again.
 */
export async function handleResumeCommand(context: CommandContext): Promise<CommandResult> {
  const { job, octokit, deps } = context;
  const where = { octokit, owner: job.owner, repo: job.repo };
  const pauses = await findPauseComments({ ...where, pullNumber: job.pullNumber });
  if (pauses.length === 0) return { ok: true, body: "Automatic reviews of this pull request are not paused; there is nothing to resume." };
  const failed: number[] = [];
  for (const pause of pauses) {
    try {
      await updateIssueComment({ ...where, commentId: pause.id, body: `Automatic reviews of this pull request were paused here, and resumed by ${inlineCode(job.author)}.` });
    } catch (error) {
      deps.log.warn({ err: error, deliveryId: job.deliveryId, commentId: pause.id }, `Could not remove the paused marker from comment ${pause.id}: ${requestErrorInfo(error).message}`);
      failed.push(pause.id);
    }
  }
  if (failed.length > 0) {
    return {
      ok: false,
      body: `Reviews stay paused: the paused marker could not be removed from comment${failed.length === 1 ? "" : "s"} ${failed.join(", ")} (written by another app?). Delete ${failed.length === 1 ? "that comment" : "those comments"}, then ask again.`,
    };
  }
  return { ok: true, body: "Automatic reviews of this pull request are back on: the next push is reviewed. `/patchsmith review` reviews the current head now." };
}
