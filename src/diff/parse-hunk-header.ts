/** The numbers in a hunk header `@@ -oldStart,oldLines +newStart,newLines @@`. */
export interface HunkRange {
  readonly oldStart: number;
  readonly oldLines: number;
  readonly newStart: number;
  readonly newLines: number;
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

/** Read a hunk header line; an omitted count means 1, as in `@@ -3 +3 @@`. Undefined when the line is not one. */
export function parseHunkHeader(line: string): HunkRange | undefined {
  const match = HUNK_HEADER.exec(line);
  if (!match) return undefined;
  const [, oldStart = "", oldLines = "1", newStart = "", newLines = "1"] = match;
  return {
    oldStart: Number(oldStart),
    oldLines: Number(oldLines),
    newStart: Number(newStart),
    newLines: Number(newLines),
  };
}
