import { handleScanCommand } from "./handle-scan-command.js";
import { addCommentReaction } from "../github/add-comment-reaction.js";
import { findCommandAnswer, type CommandAnswer } from "../github/find-command-answer.js";
import { postCommentReply, type ReplyTarget } from "../github/post-comment-reply.js";
import { requestErrorInfo } from "../github/request-error-info.js";
import type { CommandJob } from "../jobs/command-job.js";
import { QueueClosedError } from "../jobs/queue-closed-error.js";
import { renderAnswerMarker } from "../review/markers.js";
import { sanitizeModelText } from "../review/sanitize-model-text.js";
import type { CommandContext, CommandDeps, CommandHandler, CommandResult } from "./command-context.js";
import type { CommandName } from "./command-specs.js";
import { handleAskCommand } from "./handle-ask-command.js";
import { handleExplainCommand } from "./handle-explain-command.js";
import { handleFixCommand } from "./handle-fix-command.js";
import { handleHelpCommand } from "./handle-help-command.js";
import { handlePauseCommand } from "./handle-pause-command.js";
import { handleResumeCommand } from "./handle-resume-command.js";
import { handleReviewCommand } from "./handle-review-command.js";
import { handleTestsCommand } from "./handle-tests-command.js";

/** One handler per command. */
export const COMMAND_HANDLERS: Readonly<Record<CommandName, CommandHandler>> = {
  review: handleReviewCommand,
  fix: handleFixCommand,
  tests: handleTestsCommand,
  explain: handleExplainCommand,
  ask: handleAskCommand,
  pause: handlePauseCommand,
  resume: handleResumeCommand,
  help: handleHelpCommand,
  scan: handleScanCommand,
};

export interface CommandOutcome {
  readonly command: CommandName;
  /** done: the command did what was asked (🚀); failed: the reply says why not (😕). */
  readonly kind: "done" | "failed";
  /** The reply's comment id, when it was posted. */
  readonly replyId?: number;
}

/**
 * Run one accepted command (it already has its 👀):
 *  0. a resumed command (a process started it and stopped) whose reply is posted already is not run again;
 *  1. run the command's handler; an error becomes a reply that says what failed;
 *  2. post the reply where the command was written (the conversation, or the same line thread),
 *     with the answer marker that step 0 looks for;
 *  3. react 🚀 when it did what was asked, 😕 when not.
 */
export async function runCommandJob(deps: CommandDeps, job: CommandJob, signal: AbortSignal): Promise<CommandOutcome> {
  const octokit = await deps.getOctokit(job.installationId);
  const context: CommandContext = { deps, job, octokit, signal };
  const fields = { deliveryId: job.deliveryId, repository: `${job.owner}/${job.repo}`, pullNumber: job.pullNumber, command: job.command.name };
  const where = { octokit, owner: job.owner, repo: job.repo };
  const react = async (content: "rocket" | "confused"): Promise<void> => {
    try {
      await addCommentReaction({ ...where, comment: job.comment, content });
    } catch (error) {
      deps.log.warn({ ...fields, err: error }, `Could not react to the command's comment: ${requestErrorInfo(error).message}`);
    }
  };

  // 0. Already answered.
  if (job.resumed === true) {
    let answer: CommandAnswer | undefined;
    try {
      answer = await findCommandAnswer({ ...where, pullNumber: job.pullNumber, comment: job.comment });
    } catch (error) {
      // Running it could post a second reply; the person sees 😕 and can ask again.
      deps.log.error({ ...fields, err: error }, `Did not resume command ${job.command.name}: could not read whether it was answered already (${requestErrorInfo(error).message})`);
      await react("confused");
      return { command: job.command.name, kind: "failed" };
    }
    if (answer !== undefined) {
      deps.log.info({ ...fields, replyId: answer.id }, `Command ${job.command.name} on ${job.owner}/${job.repo}#${job.pullNumber} was answered before the restart (comment ${String(answer.id)}); not run again`);
      await react(answer.outcome === "done" ? "rocket" : "confused");
      return { command: job.command.name, kind: answer.outcome, replyId: answer.id };
    }
  }

  // 1. The handler.
  let result: CommandResult;
  try {
    result = await COMMAND_HANDLERS[job.command.name](context);
  } catch (error) {
    result = failureReply(error, signal);
    if (signal.aborted) deps.log.info({ ...fields, reason: result.body }, `Command ${job.command.name} stopped`);
    else deps.log.error({ ...fields, err: error }, `Command ${job.command.name} on ${job.owner}/${job.repo}#${job.pullNumber} failed`);
  }

  // 2. The reply.
  const target: ReplyTarget = job.comment.kind === "issue" ? { kind: "issue" } : { kind: "review", threadId: job.comment.threadId };
  const marker = renderAnswerMarker({ to: { kind: job.comment.kind, id: job.comment.id }, outcome: result.ok ? "done" : "failed" });
  let replyId: number | undefined;
  try {
    replyId = await postCommentReply({ ...where, pullNumber: job.pullNumber, target, body: `${result.body}\n\n${marker}` });
  } catch (error) {
    deps.log.error({ ...fields, err: error }, `Could not post the reply to ${job.command.name}: ${requestErrorInfo(error).message}`);
    result = { ok: false, body: result.body };
  }

  // 3. The reaction.
  await react(result.ok ? "rocket" : "confused");
  deps.log.info({ ...fields, ok: result.ok }, `Command ${job.command.name} on ${job.owner}/${job.repo}#${job.pullNumber}: ${result.ok ? "done" : "failed"}`);
  return { command: job.command.name, kind: result.ok ? "done" : "failed", ...(replyId === undefined ? {} : { replyId }) };
}

function failureReply(error: unknown, signal: AbortSignal): CommandResult {
  if (signal.aborted) {
    const reason: unknown = signal.reason;
    const why =
      reason instanceof QueueClosedError
        ? "the app is shutting down"
        : reason instanceof DOMException && reason.name === "TimeoutError"
          ? "it ran longer than the app's time limit"
          : "it was cancelled";
    return { ok: false, body: `This command was stopped: ${why}. Ask again to retry.` };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { ok: false, body: `This command failed: ${sanitizeModelText(message)} Ask again to retry; the app's log has the details.` };
}
