import type { FileDiff, Notice } from "../types.js";
import { parseDiffSection } from "./parse-diff-section.js";
import { splitDiffSections } from "./split-diff-sections.js";
import { splitPatchLines } from "./split-patch-lines.js";

export interface ParsedDiff {
  readonly files: FileDiff[];
  /** One notice per section that could not be read; the other files are still in `files`. */
  readonly problems: Notice[];
}

/**
 * Read the whole output of `git diff` (or `diff -u`): renames, copies, new,
 * deleted and binary files, "\ No newline at end of file", CRLF text. Never
 * throws: a section that does not parse becomes a Notice naming the file.
 */
export function parseUnifiedDiff(text: string): ParsedDiff {
  const lines = splitPatchLines(text);
  const files: FileDiff[] = [];
  const problems: Notice[] = [];
  if (lines.every((line) => line.trim() === "")) return { files, problems };
  const sections = splitDiffSections(lines);
  if (sections.length === 0) {
    problems.push({
      message: "The text is not a diff: it has no `diff --git` or `---`/`+++` file headers. Pass the output of `git diff base...head`.",
    });
    return { files, problems };
  }
  for (const section of sections) {
    const result = parseDiffSection(section);
    if ("file" in result) files.push(result.file);
    else problems.push(result.problem);
  }
  return { files, problems };
}
