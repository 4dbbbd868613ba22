import { parseUnifiedDiff } from "../../src/diff/parse-unified-diff.js";
import type { FileDiff } from "../../src/types.js";

/** The diff of a file changed from `before` to `after`: one hunk over the lines between their common start and end, three lines of context. */
export function modifiedFileDiff(filePath: string, before: string, after: string): FileDiff[] {
  const a = before.replace(/\n$/, "").split("\n");
  const b = after.replace(/\n$/, "").split("\n");
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const from = Math.max(0, start - 3);
  const contextAfter = Math.min(3, end);
  const lines = [
    ...a.slice(from, start).map((l) => ` ${l}`),
    ...a.slice(start, a.length - end).map((l) => `-${l}`),
    ...b.slice(start, b.length - end).map((l) => `+${l}`),
    ...a.slice(a.length - end, a.length - end + contextAfter).map((l) => ` ${l}`),
  ];
  const oldCount = a.length - end + contextAfter - from;
  const newCount = b.length - end + contextAfter - from;
  const header = `@@ -${from + 1},${oldCount} +${from + 1},${newCount} @@`;
  return parseUnifiedDiff([`diff --git a/${filePath} b/${filePath}`, `--- a/${filePath}`, `+++ b/${filePath}`, header, ...lines, ""].join("\n")).files;
}
