import { splitLines } from "../analyze/apply-edit.js";
import type { RepoConfig } from "../config/repo-config.js";
import { classifyPath, isScriptPath } from "../diff/classify-path.js";
import { rankFile } from "../llm/findings/rank-file.js";
import type { SkippedFile } from "../review/review-types.js";
import type { FileDiff, FileSource, Hunk } from "../types.js";

/** Files left out of a scan for one reason, counted rather than listed (there can be thousands). */
export interface ExcludedGroup {
  readonly reason: string;
  readonly count: number;
}

export interface ScanDiff {
  /** Every script file to analyse, as if added: its lines in hunks of at most `hunkLines`. */
  readonly diff: readonly FileDiff[];
  /** Script files that could not be read as text, with the reason. */
  readonly skipped: readonly SkippedFile[];
  readonly excluded: readonly ExcludedGroup[];
}

/** Lines per hunk: the model reviews a large file a part at a time, and a fix must lie inside one part. */
export const SCAN_HUNK_LINES = 300;

export const NOT_SCRIPT = "not JavaScript or TypeScript";

/**
 * The whole project as a change the review engine understands: every
 * JavaScript and TypeScript file the config covers, "added" in full, so that
 * every diagnostic counts as introduced and every line may carry a fix.
 * Lockfiles, generated, vendored and ignored files, other languages and
 * files over `maxFiles` (tests go first) are counted by reason; unreadable
 * files (too large, binary, not UTF-8) are listed with the reason.
 */
export async function buildScanDiff(params: {
  readonly source: FileSource;
  readonly config: Pick<RepoConfig, "include" | "ignore">;
  readonly hunkLines?: number;
  /** Most files to analyse: source first, then other code, then tests; the rest are counted. */
  readonly maxFiles?: number;
}): Promise<ScanDiff> {
  const hunkLines = Math.max(1, params.hunkLines ?? SCAN_HUNK_LINES);
  const excluded = new Map<string, number>();
  const exclude = (reason: string): void => {
    excluded.set(reason, (excluded.get(reason) ?? 0) + 1);
  };
  const candidates: string[] = [];
  for (const file of await params.source.listPaths()) {
    if (!isScriptPath(file)) {
      exclude(NOT_SCRIPT);
      continue;
    }
    const verdict = classifyPath(file, params.config);
    if (verdict.review) candidates.push(file);
    else exclude(verdict.reason);
  }

  const diff: FileDiff[] = [];
  const skipped: SkippedFile[] = [];
  for (const file of candidates) {
    const read = await params.source.readText(file);
    if (read.kind === "skipped") skipped.push({ path: file, reason: read.reason });
    if (read.kind !== "text") continue;
    const { lines } = splitLines(read.text);
    if (lines.length === 0) continue;
    diff.push({ path: file, status: "added", hunks: toHunks(lines, hunkLines), noPatch: false });
  }
  // The most important files first (source, other code, tests), path order within a rank.
  const ranked = diff
    .map((file, index) => ({ file, index, verdict: rankFile(file, params.config) }))
    .sort((a, b) => ("rank" in a.verdict ? a.verdict.rank : 9) - ("rank" in b.verdict ? b.verdict.rank : 9) || a.index - b.index)
    .map((entry) => entry.file);
  const maxFiles = params.maxFiles ?? Number.POSITIVE_INFINITY;
  if (ranked.length > maxFiles) excluded.set(`over the scan's limit of ${maxFiles} analysed files (PATCHSMITH_SCAN_MAX_ANALYSED_FILES; tests are left out first)`, ranked.length - maxFiles);
  return {
    diff: ranked.slice(0, maxFiles),
    skipped,
    excluded: [...excluded].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason)),
  };
}

function toHunks(lines: readonly string[], size: number): Hunk[] {
  const hunks: Hunk[] = [];
  for (let start = 0; start < lines.length; start += size) {
    const part = lines.slice(start, start + size);
    hunks.push({
      header: `@@ -0,0 +${start + 1},${part.length} @@`,
      oldStart: 0,
      oldLines: 0,
      newStart: start + 1,
      newLines: part.length,
      lines: part.map((content, index) => ({ kind: "add", content, newLine: start + index + 1 })),
    });
  }
  return hunks;
}
