import type { ProbotOctokit } from "probot";
import type { CommandComment } from "./command-comment.js";
import { parseAnswerMarkers, type AnswerMark } from "../review/markers.js";
import { isTrustedAuthor } from "./is-trusted-author.js";

/** A reply patchsmith already posted to a command. */
export interface CommandAnswer {
  readonly id: number;
  readonly outcome: AnswerMark["outcome"];
}

/**
 * The reply patchsmith already posted to the command written in `comment`, or
 * undefined: a bot's comment carrying the answer marker of that comment, in
 * the conversation (for a conversation command) or among the replies of the
 * line thread. A person cannot forge one (only a bot's markers count).
 */
export async function findCommandAnswer(params: {
  readonly octokit: Pick<ProbotOctokit, "rest" | "paginate">;
  readonly owner: string;
  readonly repo: string;
  readonly pullNumber: number;
  readonly comment: CommandComment;
}): Promise<CommandAnswer | undefined> {
  const { octokit, owner, repo, pullNumber, comment } = params;
  const candidates =
    comment.kind === "issue"
      ? await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: pullNumber, per_page: 100 })
      : (await octokit.paginate(octokit.rest.pulls.listReviewComments, { owner, repo, pull_number: pullNumber, per_page: 100 })).filter((reply) => reply.in_reply_to_id === comment.threadId);
  for (const candidate of candidates) {
    if (!isTrustedAuthor(candidate.user)) continue;
    const mark = parseAnswerMarkers(candidate.body ?? "").find((found) => found.to.kind === comment.kind && found.to.id === comment.id);
    if (mark !== undefined) return { id: candidate.id, outcome: mark.outcome };
  }
  return undefined;
}
