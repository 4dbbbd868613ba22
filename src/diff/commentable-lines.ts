import type { FileDiff, Hunk } from "../types.js";

/**
 * The new-side (RIGHT) lines GitHub accepts a review comment on: every added
 * or context line inside a hunk. Removed lines are LEFT-side only.
 */
export function commentableLines(file: FileDiff): ReadonlySet<number> {
  const lines = new Set<number>();
  for (const hunk of file.hunks) {
    for (const line of hunk.lines) if (line.newLine !== undefined) lines.add(line.newLine);
  }
  return lines;
}

/**
 * The hunk holding every line of startLine..endLine on the new side, or
 * undefined. GitHub rejects a multi-line comment whose `start_line` and `line`
 * lie in different hunks (or outside any), so a range is placeable only when
 * this finds a hunk.
 */
export function findHunkForRange(file: FileDiff, startLine: number, endLine: number): Hunk | undefined {
  if (!Number.isInteger(startLine) || !Number.isInteger(endLine) || startLine < 1 || endLine < startLine) return undefined;
  return file.hunks.find((hunk) => hunk.newLines > 0 && startLine >= hunk.newStart && endLine <= hunk.newStart + hunk.newLines - 1);
}

/** The new-side lines the change added (not context lines). */
export function addedLines(file: FileDiff): ReadonlySet<number> {
  const lines = new Set<number>();
  for (const hunk of file.hunks) {
    for (const line of hunk.lines) if (line.kind === "add" && line.newLine !== undefined) lines.add(line.newLine);
  }
  return lines;
}
