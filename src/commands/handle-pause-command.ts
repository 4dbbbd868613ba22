import { findPauseComments } from "../github/find-pause-comments.js";
import { inlineCode } from "../review/inline-code.js";
import { renderPausedMarker } from "../review/markers.js";
import type { CommandContext, CommandResult } from "./command-context.js";

/**
 * `pause` in the conversation: the reply itself carries the hidden paused
 * marker, so the state lives in GitHub (any process, after any restart, sees
 * it); `resume` edits the marker out. Pausing twice posts no second marker.
 */
export async function handlePauseCommand(context: CommandContext): Promise<CommandResult> {
  const { job, octokit } = context;
  const existing = await findPauseComments({ octokit, owner: job.owner, repo: job.repo, pullNumber: job.pullNumber });
  if (existing.length > 0) return { ok: true, body: "Automatic reviews of this pull request are already paused. `/patchsmith resume` restarts them." };
  return {
    ok: true,
    body: [
      `Automatic reviews of this pull request are paused (asked by ${inlineCode(job.author)}): new pushes are not reviewed until someone with write access comments \`/patchsmith resume\`. \`/patchsmith review\` still reviews on request.`,
      renderPausedMarker(),
    ].join("\n\n"),
  };
}
