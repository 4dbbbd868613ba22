import type { FileDiff } from "../types.js";

/**
 * The code a thread is on, read from the file's diff (no file fetch): new-side
 * lines for a RIGHT thread, old-side lines for a LEFT one. Undefined when some
 * of the lines are not in the diff (an outdated thread).
 */
export function threadCode(file: FileDiff, range: { readonly startLine: number; readonly endLine: number; readonly side: "LEFT" | "RIGHT" }): string | undefined {
  const found = new Map<number, string>();
  for (const hunk of file.hunks) {
    for (const line of hunk.lines) {
      const number = range.side === "RIGHT" ? line.newLine : line.oldLine;
      if (number !== undefined && number >= range.startLine && number <= range.endLine) found.set(number, line.content);
    }
  }
  const lines: string[] = [];
  for (let number = range.startLine; number <= range.endLine; number++) {
    const text = found.get(number);
    if (text === undefined) return undefined;
    lines.push(text);
  }
  return lines.join("\n");
}
