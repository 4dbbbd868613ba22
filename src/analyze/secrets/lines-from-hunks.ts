import type { FileDiff } from "../../types.js";
import type { NumberedLine } from "./secret-hit.js";

/** The lines a change added to a file, with their new-side numbers, read from its hunks. */
export function addedLinesOf(file: FileDiff): NumberedLine[] {
  const lines: NumberedLine[] = [];
  for (const hunk of file.hunks) {
    for (const entry of hunk.lines) if (entry.kind === "add" && entry.newLine !== undefined) lines.push({ line: entry.newLine, text: entry.content });
  }
  return lines;
}

/**
 * The new side of a file as far as its hunks show it (lines outside every
 * hunk are empty): enough to anchor and fingerprint a comment on a file
 * that was not loaded, such as a configuration file.
 */
export function textFromHunks(file: FileDiff): string {
  const lines: string[] = [];
  for (const hunk of file.hunks) {
    for (const entry of hunk.lines) {
      if (entry.newLine === undefined) continue;
      while (lines.length < entry.newLine - 1) lines.push("");
      lines[entry.newLine - 1] = entry.content;
    }
  }
  return lines.join("\n");
}
