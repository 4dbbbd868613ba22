import parseDiff from "parse-diff";
import type { Hunk, HunkLine } from "../types.js";

/**
 * Turn hunk text (already checked by `checkHunkText`) into hunks with old- and
 * new-side line numbers, using parse-diff. parse-diff repeats the previous
 * change for a "\ No newline at end of file" marker; those copies are dropped.
 * Throws when parse-diff's reading disagrees with the header counts, which
 * would mean mis-numbered lines.
 */
export function readHunks(lines: readonly string[]): Hunk[] {
  if (lines.length === 0) return [];
  const [file] = parseDiff(lines.join("\n"));
  const chunks = file?.chunks ?? [];
  return chunks.map((chunk) => {
    const hunkLines: HunkLine[] = [];
    for (const change of chunk.changes) {
      if (change.content.startsWith("\\")) continue;
      const content = change.content.slice(1).replace(/\r+$/, "");
      if (change.type === "add") hunkLines.push({ kind: "add", content, newLine: change.ln });
      else if (change.type === "del") hunkLines.push({ kind: "del", content, oldLine: change.ln });
      else hunkLines.push({ kind: "context", content, oldLine: change.ln1, newLine: change.ln2 });
    }
    const hunk: Hunk = {
      header: chunk.content,
      oldStart: chunk.oldStart,
      oldLines: chunk.oldLines,
      newStart: chunk.newStart,
      newLines: chunk.newLines,
      lines: hunkLines,
    };
    assertCounts(hunk);
    return hunk;
  });
}

function assertCounts(hunk: Hunk): void {
  const oldSide = hunk.lines.filter((line) => line.kind !== "add").length;
  const newSide = hunk.lines.filter((line) => line.kind !== "del").length;
  if (oldSide !== hunk.oldLines || newSide !== hunk.newLines) {
    throw new Error(
      `parse-diff read ${oldSide} old and ${newSide} new lines for "${hunk.header}", which declares ${hunk.oldLines} and ${hunk.newLines}`,
    );
  }
}
