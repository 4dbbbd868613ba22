import type { ProbotOctokit } from "probot";
import { recordJobWithin } from "../jobs/record-job-within.js";
import { addCommentReaction } from "../github/add-comment-reaction.js";
import type { DeliveryFilter } from "../github/create-delivery-filter.js";
import { getCollaboratorPermission } from "../github/get-collaborator-permission.js";
import { postCommentReply, type ReplyTarget } from "../github/post-comment-reply.js";
import { requestErrorInfo } from "../github/request-error-info.js";
import { commandJobId, commandJobKey, type CommandJob } from "../jobs/command-job.js";
import type { CommandQueue } from "../jobs/create-command-queue.js";
import type { JobLog } from "../log/job-log.js";
import { inlineCode } from "../review/inline-code.js";
import { COMMANDS } from "./command-specs.js";
import type { CommandDecision } from "./decide-comment-event.js";

/** What became of a comment webhook. */
export type AcceptOutcome = "ignored" | "redelivery" | "wrong-place" | "refused" | "busy" | "duplicate" | "queued" | "waiting";

/**
 * The webhook handler's part of a command, after the payload decision:
 *  1. ignore a redelivery;
 *  2. a command written in the wrong place gets a reply saying where it works;
 *  3. a command that needs write access is checked with the collaborator-permission API
 *     (`author_association` misses private organisation members); others get a polite refusal;
 *  4. queue it: one runs per pull request, one may wait, a third is told to wait;
 *  5. react 👀 on the accepted comment.
 * Replies here are patchsmith's own text: the only thing taken from the comment is the login, in a code span.
 */
export async function acceptCommand(params: {
  readonly deliveryId: string;
  readonly decision: CommandDecision;
  readonly deliveries: DeliveryFilter;
  readonly queue: CommandQueue<CommandJob>;
  readonly getOctokit: (installationId: number) => Promise<ProbotOctokit>;
  readonly log: JobLog;
  /** Longest wait for the job to be stored before the delivery is answered 503 (default RECORD_JOB_MS). */
  readonly recordMs?: number;
}): Promise<AcceptOutcome> {
  const { deliveryId, decision, log } = params;
  if (!decision.run) {
    log.debug({ deliveryId, reason: decision.reason }, `No command: ${decision.reason}`);
    return "ignored";
  }
  // 1. Redeliveries.
  if (!params.deliveries.firstTime(deliveryId)) {
    log.info({ deliveryId }, `Delivery ${deliveryId} was already handled; ignoring the redelivery`);
    return "redelivery";
  }
  const { job } = decision;
  const name = job.command.name;
  const spec = COMMANDS[name];
  const octokit = await params.getOctokit(job.installationId);
  const where = { octokit, owner: job.owner, repo: job.repo };
  const fields = { deliveryId, repository: `${job.owner}/${job.repo}`, pullNumber: job.pullNumber, command: name, author: job.author };
  const target: ReplyTarget = job.comment.kind === "issue" ? { kind: "issue" } : { kind: "review", threadId: job.comment.threadId };
  const reply = async (body: string): Promise<void> => {
    try {
      await postCommentReply({ ...where, pullNumber: job.pullNumber, target, body });
    } catch (error) {
      log.error({ ...fields, err: error }, `Could not answer a ${name} command: ${requestErrorInfo(error).message}`);
    }
  };

  // 2. The place.
  const place = job.comment.kind === "issue" ? "conversation" : "thread";
  if (spec.where !== "either" && spec.where !== place) {
    log.info(fields, `Command ${name} written in a ${place}; it works only in a ${spec.where}`);
    await reply(
      spec.where === "thread"
        ? `\`${name}\` works in a line thread: start a review comment on the lines you mean (or reply in the thread of one of patchsmith's comments) and write \`/patchsmith ${spec.usage}\` there.`
        : `\`${name}\` works in the pull request's conversation, not in a line thread: write \`/patchsmith ${spec.usage}\` as a comment on the pull request.`,
    );
    return "wrong-place";
  }

  // 3. Who may.
  if (spec.access === "write") {
    let allowed: boolean;
    try {
      const permission = await getCollaboratorPermission({ ...where, username: job.author });
      allowed = permission === "admin" || permission === "write";
    } catch (error) {
      log.error({ ...fields, err: error }, `Could not read ${job.author}'s permission: ${requestErrorInfo(error).message}`);
      await reply(`Sorry, patchsmith could not check who may run \`${name}\` just now (GitHub did not answer). Please ask again in a minute.`);
      return "refused";
    }
    if (!allowed) {
      log.info(fields, `Refused ${name} for ${job.author}: no write access`);
      await reply(`Sorry, ${inlineCode(job.author)}: \`${name}\` needs write access to this repository, so only its maintainers can run it. Anyone can use \`/patchsmith help\`.`);
      return "refused";
    }
  }

  // 4. The queue.
  // Stored, or answered 503 so GitHub's redelivery brings the command back (as for reviews: enqueueReview).
  const admission = await recordJobWithin({
    kind: "command",
    deliveryId,
    add: () => params.queue.add({ id: commandJobId(job), key: commandJobKey(job), data: job }),
    ...(params.recordMs === undefined ? {} : { ms: params.recordMs }),
    forget: (id) => {
      params.deliveries.forget(id);
    },
    log,
  });
  log.info({ ...fields, admission }, `Command ${name} on ${commandJobKey(job)}: ${admission}`);
  if (admission === "duplicate") return admission;
  if (admission === "busy") {
    await reply(
      "patchsmith is already running one command on this pull request and another is waiting. Please wait until they are done (their comments get 🚀 or 😕), then ask again.",
    );
    return admission;
  }

  // 5. 👀: taken.
  try {
    await addCommentReaction({ ...where, comment: job.comment, content: "eyes" });
  } catch (error) {
    log.warn({ ...fields, err: error }, `Could not react to the command's comment: ${requestErrorInfo(error).message}`);
  }
  return admission;
}
