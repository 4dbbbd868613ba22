/** Where a command may be written: the PR conversation, a line thread (review comment), or either. */
export type CommandPlace = "conversation" | "thread" | "either";

/** Who may run a command: anyone, or people with write, maintain or admin permission on the repository. */
export type CommandAccess = "anyone" | "write";

export interface CommandSpec {
  readonly where: CommandPlace;
  readonly access: CommandAccess;
  /** What to type after `/patchsmith`, with its arguments. */
  readonly usage: string;
  /** One line for the help text. */
  readonly summary: string;
}

/**
 * Every slash command, in the order the help lists them. Costly commands (the
 * model, a full review) and the ones that change state need write access;
 * `help` is open to anyone. No command takes a setting from the comment text:
 * the only state a comment can change is the pause flag of its own PR.
 */
export const COMMANDS = {
  review: { where: "conversation", access: "write", usage: "review", summary: "a full review of the current head, ignoring what earlier reviews covered" },
  fix: { where: "thread", access: "write", usage: "fix [instruction]", summary: "a validated fix for the lines this thread is on, posted as a suggestion" },
  tests: { where: "either", access: "write", usage: "tests [path or symbol]", summary: "unit tests for the named code, or for the pull request" },
  explain: { where: "thread", access: "write", usage: "explain", summary: "what the code this thread is on does" },
  ask: { where: "either", access: "write", usage: "ask <question>", summary: "an answer to a question about this pull request's changes" },
  pause: { where: "conversation", access: "write", usage: "pause", summary: "stop automatic reviews of this pull request" },
  resume: { where: "conversation", access: "write", usage: "resume", summary: "restart automatic reviews of this pull request" },
  scan: { where: "conversation", access: "write", usage: "scan", summary: "scan the whole repository now (also from an issue); the report goes to its tracking issue" },
  help: { where: "either", access: "anyone", usage: "help", summary: "this list, with the app's settings for this repository" },
} as const satisfies Record<string, CommandSpec>;

export type CommandName = keyof typeof COMMANDS;

/** Whether `word` (lower case) names a command. */
export function isCommandName(word: string): word is CommandName {
  return Object.hasOwn(COMMANDS, word);
}
