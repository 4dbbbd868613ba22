import { isCommandName, type CommandName } from "./command-specs.js";

export interface ParsedCommand {
  readonly name: CommandName;
  /** What follows the command word: the rest of its line and every line after it, trimmed (at most 2,000 characters). */
  readonly args: string;
  /** The word typed when it names no command; the help is the answer then. */
  readonly unknown?: string;
}

/** Longest argument text kept; a longer one is cut (it only ever reaches a prompt or a reply). */
export const MAX_COMMAND_ARGS = 2000;

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * The first command in a comment: `/patchsmith <command>` or `@<app-slug> <command>`
 * at the start of a line (up to three spaces of indentation), outside fenced
 * code blocks and block quotes, so quoting an earlier command does not run it
 * again. An unknown or missing command word asks for the help. Undefined when
 * the comment holds no command.
 */
export function parseCommand(body: string, options: { readonly appSlug?: string | undefined } = {}): ParsedCommand | undefined {
  const lines = body.replace(/\r\n?/g, "\n").split("\n");
  const prefix = commandPrefix(options.appSlug);
  let fence: string | undefined;
  for (const [index, line] of lines.entries()) {
    const marker = FENCE.exec(line)?.[1];
    if (fence !== undefined) {
      if (marker !== undefined && marker[0] === fence[0] && marker.length >= fence.length && line.trim() === marker) fence = undefined;
      continue;
    }
    if (marker !== undefined) {
      fence = marker;
      continue;
    }
    const match = prefix.exec(line);
    if (match === null) continue;
    const rest = [match[1] ?? "", ...lines.slice(index + 1)].join("\n").trim();
    const word = /^\S+/.exec(rest)?.[0] ?? "";
    const args = rest.slice(word.length).trim().slice(0, MAX_COMMAND_ARGS);
    const name = word.toLowerCase().replace(/[:,.!]+$/, "");
    if (name === "") return { name: "help", args: "" };
    if (isCommandName(name)) return { name, args };
    return { name: "help", args: "", unknown: word.slice(0, 40) };
  }
  return undefined;
}

function commandPrefix(appSlug: string | undefined): RegExp {
  const names = ["/patchsmith"];
  if (appSlug !== undefined && /^[a-z0-9][a-z0-9-]*$/i.test(appSlug)) names.push(`@${appSlug}(?:\\[bot\\])?`);
  return new RegExp(`^ {0,3}(?:${names.join("|")})(?=[ \\t]|$)(.*)$`, "i");
}
