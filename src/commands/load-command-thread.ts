import { listReviewThread, type ThreadComment } from "../github/list-review-thread.js";
import type { CommandContext, CommandResult } from "./command-context.js";

/** The line thread a command was written in: its file, its lines (one side of the diff) and what was said before. */
export interface CommandThread {
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  /** RIGHT: lines of the new version; LEFT: removed lines of the old one. */
  readonly side: "LEFT" | "RIGHT";
  /** The thread's comments before the command's own, oldest first. */
  readonly earlier: readonly ThreadComment[];
}

export type CommandThreadResult = { readonly ok: true; readonly thread: CommandThread } | { readonly ok: false; readonly result: CommandResult };

/**
 * The thread of a command written in a line thread. A reply's lines are its
 * thread's first comment's lines, read with the thread (one listing of the
 * PR's review comments); a first comment's come from the payload. Outdated
 * threads and threads over both sides of the diff get a reply saying so.
 */
export async function loadCommandThread(context: CommandContext): Promise<CommandThreadResult> {
  const { job, octokit } = context;
  const fail = (body: string): CommandThreadResult => ({ ok: false, result: { ok: false, body } });
  const comment = job.comment;
  if (comment.kind !== "review") return fail(`\`${job.command.name}\` works in a line thread: write it in a review comment on the lines you mean.`);

  let where: { path: string; line: number | null; startLine: number | null; side: "LEFT" | "RIGHT"; startSide: "LEFT" | "RIGHT" | null } = comment;
  let earlier: readonly ThreadComment[] = [];
  if (comment.isReply) {
    const thread = await listReviewThread({ octokit, owner: job.owner, repo: job.repo, pullNumber: job.pullNumber, threadId: comment.threadId });
    if (thread === undefined) return fail("The first comment of this thread was deleted, so patchsmith cannot tell which lines it is on. Start a new review comment on the lines you mean.");
    where = thread;
    earlier = thread.comments.filter((c) => c.id < comment.id);
  }
  if (where.line === null) {
    return fail("This thread is outdated: its lines are no longer in the pull request's diff. Start a new review comment on the current lines and ask there.");
  }
  if (where.startSide !== null && where.startSide !== where.side) {
    return fail("This thread covers both removed and added lines; patchsmith works on one side at a time. Start a review comment on the added lines only (or the removed ones) and ask there.");
  }
  const startLine = where.startLine !== null && where.startLine <= where.line ? where.startLine : where.line;
  return { ok: true, thread: { path: where.path, startLine, endLine: where.line, side: where.side, earlier } };
}
