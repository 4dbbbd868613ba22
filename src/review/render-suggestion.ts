import { longestBacktickRun } from "./longest-backtick-run.js";

/**
 * A ```suggestion block that replaces the commented lines with `replacement`.
 * The fence is longer than any backtick run in the replacement (at least
 * three), so code holding ``` cannot close it early. A deletion renders an
 * empty block, which GitHub applies as deleting the lines; an empty
 * replacement that is not a deletion is one empty line.
 */
export function renderSuggestionBlock(replacement: string, deletion = false): string {
  const fence = "`".repeat(Math.max(3, longestBacktickRun(replacement) + 1));
  const body = replacement.replace(/\r\n?/g, "\n");
  return deletion ? `${fence}suggestion\n${fence}` : `${fence}suggestion\n${body}\n${fence}`;
}
