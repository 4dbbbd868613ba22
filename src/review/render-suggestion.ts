import { longestBacktickRun } from "./longest-backtick-run.js";

/**
 * A ```suggestion block that replaces the commented lines with `replacement`.
 * The fence is longer than any backtick run in the replacement (at least
 * three), so code holding ``` cannot close it early. An empty replacement
 * renders an empty block, which GitHub applies as deleting the lines.
 */
export function renderSuggestionBlock(replacement: string): string {
  const fence = "`".repeat(Math.max(3, longestBacktickRun(replacement) + 1));
  const body = replacement.replace(/\r\n?/g, "\n");
  return body === "" ? `${fence}suggestion\n${fence}` : `${fence}suggestion\n${body}\n${fence}`;
}
