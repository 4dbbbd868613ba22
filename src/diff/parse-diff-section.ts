import type { FileDiff, FileStatus, Notice } from "../types.js";
import { checkHunkText } from "./check-hunk-text.js";
import { readHunks } from "./read-hunks.js";
import { readSectionHeader, type SectionHeader } from "./read-section-header.js";
import type { DiffSection } from "./split-diff-sections.js";

export type SectionResult = { readonly file: FileDiff } | { readonly problem: Notice };

const WHAT_TO_DO = "The file was left out of the review; produce the diff with `git diff` (not by hand or by an editor that rewrites whitespace) and run the review again.";

/** One file's section of a diff as a FileDiff, or a Notice saying why it could not be read. */
export function parseDiffSection(section: DiffSection): SectionResult {
  const header = readSectionHeader(section.lines);
  const path = header.removed ? header.oldPath : (header.newPath ?? header.oldPath);
  if (path === undefined || path === "") {
    return { problem: { message: `Could not read the diff section at line ${section.firstLine}: it names no file. ${WHAT_TO_DO}` } };
  }
  const fail = (problem: string): SectionResult => ({ problem: { path, message: `Could not read the diff of ${path}: ${problem}. ${WHAT_TO_DO}` } });
  if (header.combined) {
    return { problem: { path, message: `The diff of ${path} is a combined diff of a merge commit, which patchsmith cannot review. Diff the branch against its base instead (\`git diff base...head\`).` } };
  }
  const oldPath = header.oldPath !== undefined && header.oldPath !== path ? header.oldPath : undefined;
  const identity = { path, ...(oldPath === undefined ? {} : { oldPath }) };
  if (header.binary) return { file: { ...identity, status: "binary", hunks: [], noPatch: true } };
  if (header.strayLine !== undefined) {
    return fail(`line ${section.firstLine + header.strayLine} comes after the +++ line but is not a hunk header ("@@ -1,2 +1,3 @@")`);
  }
  const hunkLines = section.lines.slice(header.hunkStart);
  const status = statusOf(header);
  if (hunkLines.length === 0) {
    if (header.fileHeaders) return fail("it has ---/+++ lines but no hunk");
    return { file: { ...identity, status, hunks: [], noPatch: true } };
  }
  const check = checkHunkText(hunkLines, section.firstLine + header.hunkStart);
  if (!check.ok) return fail(check.problem);
  try {
    return { file: { ...identity, status, hunks: readHunks(hunkLines.slice(0, check.end)), noPatch: false } };
  } catch (error) {
    return fail((error as Error).message);
  }
}

function statusOf(header: SectionHeader): FileStatus {
  if (header.removed || header.newPath === undefined) return "removed";
  if (header.added || header.copied || header.oldPath === undefined) return "added";
  if (header.renamed || header.oldPath !== header.newPath) return "renamed";
  return "modified";
}
