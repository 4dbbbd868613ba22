import type { Finding } from "../../types.js";
import { findBrokenImporters } from "../find-broken-importers.js";
import { findKeptSurfaces } from "../find-kept-surfaces.js";
import type { ImporterSet } from "../load-importers.js";
import type { Workspaces } from "./build-workspaces.js";
import type { ReviewRun } from "./review-run.js";

/**
 * Errors the change causes in files it did not touch (callers of a changed
 * signature): the importers loadChangedFiles read are type-checked at head,
 * and at base where head has errors; what is new at head is listed in the
 * review body at the caller's line. Importers of a module whose declaration
 * file did not change (findKeptSurfaces) cannot see the change and are not
 * checked.
 */
export function checkImporters(
  run: ReviewRun,
  importers: ImporterSet,
  workspaces: Pick<Workspaces, "head" | "base">,
  params: { readonly dependencies?: ReadonlyMap<string, string> } = {},
): readonly Finding[] {
  const { head, base } = workspaces;
  const modules = new Set([...importers.changedImports.values()].flat());
  const kept = findKeptSurfaces({
    modules,
    head,
    base,
    changed: importers.changed,
    resolve: importers.resolve,
    texts: function* () {
      for (const path of head.paths()) yield [path, head.getText(path) ?? ""] as const;
      yield* params.dependencies ?? [];
    },
  });
  const reached = importers.importers.filter((path) => (importers.changedImports.get(path) ?? []).some((module) => !kept.has(module)));
  if (reached.length === 0) return [];
  const broken = findBrokenImporters({ set: { ...importers, importers: reached }, head, base });
  run.notices.push(...broken.notices);
  return broken.findings;
}
