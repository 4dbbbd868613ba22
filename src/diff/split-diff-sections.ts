import { parseHunkHeader } from "./parse-hunk-header.js";

/** The lines of one file's part of a diff. */
export interface DiffSection {
  /** 1-based number of the section's first line in the whole text. */
  readonly firstLine: number;
  readonly lines: readonly string[];
}

const GIT_SECTION = /^diff (?:--git|--cc|--combined) /;

/**
 * Cut diff lines into one section per file. Git output is cut at each
 * `diff --git` line (anything before the first one, such as a commit message
 * from `git show`, is dropped; a hunk body line never starts with "diff").
 * Plain `diff -u` output has no such lines: it is cut at each `---` line that
 * is followed by a `+++` line outside a hunk body.
 */
export function splitDiffSections(lines: readonly string[]): DiffSection[] {
  const starts = lines.some((line) => GIT_SECTION.test(line)) ? gitStarts(lines) : plainStarts(lines);
  return starts.map((start, position) => ({
    firstLine: start + 1,
    lines: lines.slice(start, starts[position + 1] ?? lines.length),
  }));
}

function gitStarts(lines: readonly string[]): number[] {
  const starts: number[] = [];
  lines.forEach((line, index) => {
    if (GIT_SECTION.test(line)) starts.push(index);
  });
  return starts;
}

function plainStarts(lines: readonly string[]): number[] {
  const starts: number[] = [];
  let oldLeft = 0;
  let newLeft = 0;
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? "";
    if (oldLeft > 0 || newLeft > 0) {
      const marker = line.charAt(0);
      if (marker === "\\") continue;
      if (marker === " " || marker === "") {
        oldLeft -= 1;
        newLeft -= 1;
        continue;
      }
      if (marker === "-" && oldLeft > 0) {
        oldLeft -= 1;
        continue;
      }
      if (marker === "+" && newLeft > 0) {
        newLeft -= 1;
        continue;
      }
      // Not a body line: the hunk is malformed; read on as headers.
      oldLeft = 0;
      newLeft = 0;
    }
    const header = parseHunkHeader(line);
    if (header) {
      oldLeft = header.oldLines;
      newLeft = header.newLines;
    } else if (line.startsWith("--- ") && (lines[index + 1] ?? "").startsWith("+++ ")) {
      starts.push(index);
      index += 1;
    }
  }
  return starts;
}
