import type { FileDiff } from "../../types.js";
import { loadFiles, type LoadedFiles } from "../../workspace/load-files.js";
import { loadImporters, type ImporterSet } from "../load-importers.js";
import type { ReviewRun } from "./review-run.js";

export interface ChangedFiles {
  readonly head: LoadedFiles;
  readonly base: LoadedFiles;
  /** The paths analysed at head (the changed files). */
  readonly headSeeds: readonly string[];
  /** Their paths at base (added files have none). */
  readonly baseSeeds: readonly string[];
  /** Files the change did not touch that import a module whose exports it changed, loaded at both sides (type checks only). */
  readonly importers?: ImporterSet;
}

/**
 * Read the analysed files at head and at base, with what they import
 * and the configs they need, through the run's read budget. A head file that
 * cannot be read is skipped with its reason.
 */
export async function loadChangedFiles(run: ReviewRun, analysable: readonly FileDiff[], removed: readonly FileDiff[] = []): Promise<ChangedFiles> {
  const headSeeds = analysable.map((f) => f.path);
  const baseSeeds = analysable.filter((f) => f.status !== "added").map((f) => f.oldPath ?? f.path);
  const [head, base] = await Promise.all([loadFiles({ source: run.source.head, seeds: headSeeds }), loadFiles({ source: run.source.base, seeds: baseSeeds })]);
  // Files the change did not touch that import a module whose exports it changed: type-checked too (see checkImporters).
  const importers = run.config.checks.typescript
    ? await loadImporters({ diff: [...analysable, ...removed], head: { source: run.source.head, loaded: head }, base: { source: run.source.base, loaded: base } })
    : undefined;
  if (importers) run.notices.push(...importers.notices);
  run.budgetNotice("files not read are listed as skipped, and type information from unread imports is missing");
  run.skipped.push(...head.skipped);
  run.notices.push(...head.notices);
  return { head, base, headSeeds, baseSeeds, ...(importers ? { importers } : {}) };
}
