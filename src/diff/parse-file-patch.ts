import type { FileDiff, FileStatus } from "../types.js";
import { checkHunkText } from "./check-hunk-text.js";
import { MalformedPatchError } from "./malformed-patch-error.js";
import { readHunks } from "./read-hunks.js";
import { splitPatchLines } from "./split-patch-lines.js";

export interface FilePatchParams {
  /** `filename` from GitHub's pulls.listFiles: the path on the new side (the old one for removed files). */
  readonly path: string;
  /** `previous_filename`, for renamed and copied files. */
  readonly previousPath?: string;
  /** added | removed | modified | renamed | copied | changed | unchanged */
  readonly status: string;
  /** The hunks (no ---/+++ headers); GitHub omits it for binaries and very large diffs. */
  readonly patch?: string;
}

const STATUSES: Readonly<Record<string, FileStatus>> = {
  added: "added",
  removed: "removed",
  modified: "modified",
  renamed: "renamed",
  // A copy is a new file at `path` whose hunks are relative to `previousPath`.
  copied: "added",
  // Only the mode changed, or nothing did.
  changed: "modified",
  unchanged: "modified",
};

/**
 * One entry of GitHub's pulls.listFiles as a FileDiff. Without patch text the
 * file has no hunks and `noPatch` is true. Throws MalformedPatchError when the
 * patch text is not well-formed hunks.
 */
export function parseFilePatch(params: FilePatchParams): FileDiff {
  const status = STATUSES[params.status] ?? "modified";
  const oldPath = params.previousPath !== undefined && params.previousPath !== params.path ? params.previousPath : undefined;
  const base = { path: params.path, status, ...(oldPath === undefined ? {} : { oldPath }) };
  const lines = splitPatchLines(params.patch ?? "");
  if (lines.every((line) => line === "")) return { ...base, hunks: [], noPatch: true };
  const check = checkHunkText(lines);
  if (!check.ok) throw new MalformedPatchError(params.path, check.problem);
  try {
    return { ...base, hunks: readHunks(lines.slice(0, check.end)), noPatch: false };
  } catch (error) {
    throw new MalformedPatchError(params.path, (error as Error).message, { cause: error });
  }
}
