import type { Finding } from "../../types.js";
import { findBrokenImporters } from "../find-broken-importers.js";
import type { ImporterSet } from "../load-importers.js";
import type { Workspaces } from "./build-workspaces.js";
import type { ReviewRun } from "./review-run.js";

/**
 * Errors the change causes in files it did not touch (callers of a changed
 * signature): the importers loadChangedFiles read are type-checked at head,
 * and at base where head has errors; what is new at head is listed in the
 * review body at the caller's line.
 */
export function checkImporters(run: ReviewRun, importers: ImporterSet, workspaces: Pick<Workspaces, "head" | "base">): readonly Finding[] {
  const broken = findBrokenImporters({ set: importers, head: workspaces.head, base: workspaces.base });
  run.notices.push(...broken.notices);
  return broken.findings;
}
