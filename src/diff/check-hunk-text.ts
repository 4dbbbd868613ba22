import { parseHunkHeader, type HunkRange } from "./parse-hunk-header.js";

export type HunkTextCheck =
  | {
      readonly ok: true;
      /** How many of the lines belong to the hunks (a trailing `-- ` mail signature is cut off). */
      readonly end: number;
    }
  | { readonly ok: false; readonly problem: string };

/** Counts beyond this are not a real diff; they only make the checker count to exhaustion. */
const MAX_COUNT = 100_000_000;

/**
 * Check that text starting at a hunk header is a well-formed series of hunks:
 * each header's line counts match the lines that follow, every body line starts
 * with " ", "+", "-" or "\", and hunks do not overlap. parse-diff accepts
 * almost anything and silently mis-numbers lines when counts are wrong, so the
 * structure is checked here before it is handed over.
 *
 * `firstLine` is the 1-based number of `lines[0]` in the whole text, so
 * problems can name the line.
 */
export function checkHunkText(lines: readonly string[], firstLine = 1): HunkTextCheck {
  const at = (index: number): string => `line ${firstLine + index}`;
  let previous: HunkRange | undefined;
  let previousHeader = "";
  let index = 0;
  while (index < lines.length) {
    const line = lines[index] ?? "";
    if (line === "") {
      index += 1;
      continue;
    }
    if (line === "-- " && previous !== undefined) return { ok: true, end: index };
    const header = parseHunkHeader(line);
    if (!header) {
      const problem =
        previous !== undefined && /^[ +-]/.test(line)
          ? `the hunk "${previousHeader}" has more lines than its header declares (${at(index)})`
          : `expected a hunk header like "@@ -1,2 +1,3 @@" at ${at(index)} but found "${shorten(line)}"`;
      return { ok: false, problem };
    }
    const headerProblem = checkHeader(header, previous);
    if (headerProblem !== undefined) return { ok: false, problem: `the hunk "${shorten(line)}" at ${at(index)} ${headerProblem}` };
    const headerIndex = index;
    let oldLeft = header.oldLines;
    let newLeft = header.newLines;
    let bodyLines = 0;
    index += 1;
    while (oldLeft > 0 || newLeft > 0) {
      const body = lines[index];
      if (body === undefined) {
        return {
          ok: false,
          problem: `the hunk "${shorten(line)}" at ${at(headerIndex)} declares ${header.oldLines} old and ${header.newLines} new lines, but the text ends after ${bodyLines} of them`,
        };
      }
      if (body.startsWith("\\")) {
        if (bodyLines === 0) return { ok: false, problem: `a "\\ No newline at end of file" marker comes before any line of its hunk (${at(index)})` };
        index += 1;
        continue;
      }
      const marker = body.charAt(0);
      if (marker === " " || marker === "") {
        oldLeft -= 1;
        newLeft -= 1;
      } else if (marker === "-") {
        oldLeft -= 1;
      } else if (marker === "+") {
        newLeft -= 1;
      } else {
        return { ok: false, problem: `${at(index)} is inside a hunk but starts with neither " ", "+", "-" nor "\\": "${shorten(body)}"` };
      }
      if (oldLeft < 0 || newLeft < 0) {
        const side = oldLeft < 0 ? "removed and context" : "added and context";
        return {
          ok: false,
          problem: `the hunk "${shorten(line)}" at ${at(headerIndex)} has more ${side} lines than its header declares (${at(index)})`,
        };
      }
      bodyLines += 1;
      index += 1;
    }
    while ((lines[index] ?? "").startsWith("\\")) index += 1;
    previous = header;
    previousHeader = shorten(line);
  }
  return { ok: true, end: lines.length };
}

function checkHeader(header: HunkRange, previous: HunkRange | undefined): string | undefined {
  const numbers = [header.oldStart, header.oldLines, header.newStart, header.newLines];
  if (numbers.some((value) => !Number.isSafeInteger(value) || value > MAX_COUNT)) return "has line numbers too large to be real";
  if (header.oldLines === 0 && header.newLines === 0) return "is empty (0 old and 0 new lines)";
  if (header.oldStart === 0 && header.oldLines !== 0) return "starts at old line 0 but is not an addition to an empty side";
  if (header.newStart === 0 && header.newLines !== 0) return "starts at new line 0 but is not a removal to an empty side";
  if (previous === undefined) return undefined;
  if (header.oldStart < previous.oldStart + previous.oldLines || header.newStart < previous.newStart + previous.newLines) {
    return "overlaps or comes before the hunk above it";
  }
  return undefined;
}

function shorten(line: string): string {
  return line.length > 80 ? `${line.slice(0, 77)}...` : line;
}
