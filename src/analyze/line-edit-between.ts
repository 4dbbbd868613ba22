import type { Edit } from "../types.js";
import { splitLines } from "./apply-edit.js";

/** The smallest whole-line Edit that turns `before` into `after`, or undefined when they are equal. */
export function lineEditBetween(path: string, before: string, after: string): Edit | undefined {
  if (before === after) return undefined;
  const a = splitLines(before).lines;
  const b = splitLines(after).lines;
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let endA = a.length - 1;
  let endB = b.length - 1;
  while (endA >= start && endB >= start && a[endA] === b[endB]) {
    endA--;
    endB--;
  }
  if (endA < start) {
    // Pure insertion: anchor it on the line before (or the first line) so the edit replaces at least one line.
    if (a.length === 0) return undefined;
    const anchor = start > 0 ? start - 1 : 0;
    const inserted = b.slice(start, endB + 1);
    const replacement = start > 0 ? [a[anchor] ?? "", ...inserted] : [...inserted, a[0] ?? ""];
    return { path, startLine: anchor + 1, endLine: anchor + 1, replacement: replacement.join("\n") };
  }
  const kept = b.slice(start, endB + 1);
  // No line left is a deletion; one empty line left is an emptied line, kept as such.
  return kept.length === 0 ? { path, startLine: start + 1, endLine: endA + 1, replacement: "", deletion: true } : { path, startLine: start + 1, endLine: endA + 1, replacement: kept.join("\n") };
}
