import type { ParsedCommand } from "../commands/parse-command.js";
import type { CommandComment } from "../github/command-comment.js";

/**
 * One slash command to run, as plain JSON data (so a durable queue can store
 * it). The job re-reads the pull request when it starts.
 */
export interface CommandJob {
  readonly kind: "command";
  /** The X-GitHub-Delivery id of the comment's webhook. */
  readonly deliveryId: string;
  readonly installationId: number;
  readonly owner: string;
  readonly repo: string;
  readonly pullNumber: number;
  readonly command: ParsedCommand;
  /** Login of the person who wrote the comment. */
  readonly author: string;
  readonly comment: CommandComment;
  /**
   * Set when the command is queued again after a process started it and
   * stopped before recording it done: its reply may be posted already, so the
   * job looks for it (the answer marker) before doing anything.
   */
  readonly resumed?: true;
}

/** The queue key of a pull request's commands: one runs at a time per pull request. */
export function commandJobKey(job: Pick<CommandJob, "owner" | "repo" | "pullNumber">): string {
  return `${job.owner}/${job.repo}#${job.pullNumber}`;
}

/** The identity of a command: one comment runs once, however often its webhook is delivered. */
export function commandJobId(job: Pick<CommandJob, "owner" | "repo" | "pullNumber" | "comment">): string {
  return `${commandJobKey(job)}:${job.comment.kind}-comment:${job.comment.id}`;
}
