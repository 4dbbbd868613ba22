import { parseFilePatch } from "../diff/parse-file-patch.js";
import type { SkippedFile } from "../review/review-types.js";
import type { FileDiff } from "../types.js";
import type { PullRequestFile } from "./list-pull-request-files.js";

/**
 * GitHub's file list as FileDiffs. A file whose patch cannot be parsed is kept
 * without hunks (so it gets no inline comments) and reported, never fatal.
 */
export function toFileDiffs(files: readonly PullRequestFile[]): { readonly diffs: FileDiff[]; readonly problems: SkippedFile[] } {
  const diffs: FileDiff[] = [];
  const problems: SkippedFile[] = [];
  for (const file of files) {
    try {
      diffs.push(parseFilePatch(file));
    } catch (error) {
      problems.push({ path: file.path, reason: (error as Error).message });
      diffs.push(parseFilePatch({ path: file.path, status: file.status, ...(file.previousPath === undefined ? {} : { previousPath: file.previousPath }) }));
    }
  }
  return { diffs, problems };
}
