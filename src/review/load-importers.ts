import { changedExports, exportedSurface } from "../analyze/exported-surface.js";
import { readModuleReferences, type ModuleReferences } from "../analyze/read-module-references.js";
import { resolveRelativeImport } from "../workspace/resolve-relative-import.js";
import { findImporters } from "../analyze/find-importers.js";
import type { FileDiff, FileSource, Notice } from "../types.js";
import { loadFiles, type LoadedFiles } from "../workspace/load-files.js";

const SCRIPT = /\.(?:[cm]?[jt]sx?)$/;

/** A changed module and the files outside the change that import it. */
export interface ImporterSet {
  /** Files the change did not touch that import a module whose exports it changed. */
  readonly importers: readonly string[];
  /** For each importer, the changed modules it imports. */
  readonly changedImports: ReadonlyMap<string, readonly string[]>;
  /** Every path the change touches, at either side. */
  readonly changed: ReadonlySet<string>;
  /** A module specifier written in a file → the repository path it names (relative, or a linked workspace package). */
  readonly resolve: (from: string, specifier: string) => string | undefined;
}

/**
 * The files a change can break without touching them: when what a changed
 * module shows other modules changed (its surface: declarations and signatures,
 * unannotated bodies; see exportedSurface), or it was removed or renamed, the snapshot's
 * scripts that import it (at most `maxImporters`), read into both loaded
 * snapshots with what they import, so both workspaces type-check them.
 * Mutates `head.loaded` and `base.loaded`; reads only through the sources.
 */
export async function loadImporters(params: {
  readonly diff: readonly FileDiff[];
  readonly head: { readonly source: FileSource; readonly loaded: LoadedFiles };
  readonly base: { readonly source: FileSource; readonly loaded: LoadedFiles };
  readonly resolveBare?: (from: string, specifier: string) => string | undefined;
  readonly maxImporters?: number;
  readonly maxScanned?: number;
}): Promise<ImporterSet & { readonly notices: readonly Notice[] }> {
  const { head, base } = params;
  const targets = new Set<string>();
  // Per changed module (by head and base path): the exported names whose surface changed, or "all".
  const changedNames = new Map<string, ReadonlySet<string> | "all">();
  for (const file of params.diff) {
    if (!SCRIPT.test(file.path) || file.status === "added" || file.status === "binary") continue;
    const basePath = file.oldPath ?? file.path;
    const headText = head.loaded.files.get(file.path);
    const baseText = base.loaded.files.get(basePath);
    // A change inside typed bodies keeps what importers see: they are not checked again.
    const names = file.status === "removed" || file.oldPath !== undefined || headText === undefined || baseText === undefined ? "all" : changedExports(exportedSurface(basePath, baseText), exportedSurface(file.path, headText));
    if (names !== "all" && names.size === 0) continue;
    for (const path of [file.path, basePath]) {
      targets.add(path);
      changedNames.set(path, names);
    }
  }
  const changed = new Set(params.diff.flatMap((f) => [f.path, f.oldPath ?? f.path]));
  if (targets.size === 0) return { importers: [], changedImports: new Map(), notices: [], changed, resolve: () => undefined };
  // Importers in other workspace packages reach the changed module through the package's name.
  const resolveBare = params.resolveBare ?? ((_from: string, specifier: string) => head.loaded.links?.resolve(specifier));
  const scan = await findImporters({
    source: head.source,
    knownPaths: head.loaded.knownPaths,
    targets,
    exclude: changed,
    known: head.loaded.files,
    resolveBare,
    ...(params.maxImporters === undefined ? {} : { maxImporters: params.maxImporters }),
    ...(params.maxScanned === undefined ? {} : { maxScanned: params.maxScanned }),
  });
  // A file the change did not touch exists at both sides, with the same text; it is checked when it takes a changed name.
  const resolvable = new Set([...head.loaded.knownPaths, ...targets]);
  const resolve = (from: string, specifier: string): string | undefined => resolveRelativeImport(from, specifier, resolvable) ?? resolveBare(from, specifier);
  const importers = [...scan.importers.keys()].filter((path) => {
    if (!base.loaded.knownPaths.has(path)) return false;
    const text = head.loaded.files.get(path) ?? scan.texts.get(path);
    return text === undefined || takesChangedName(readModuleReferences(path, text), (specifier) => resolve(path, specifier), changedNames, scan.barrels);
  });
  // What the importers import, at each side: their types come from there.
  for (const side of [head, base]) {
    const missing = importers.filter((path) => !side.loaded.files.has(path));
    if (missing.length === 0) continue;
    const more = await loadFiles({ source: side.source, seeds: missing, maxFiles: missing.length + 100 });
    for (const [path, text] of more.files) if (!side.loaded.files.has(path)) side.loaded.files.set(path, text);
  }
  const changedImports = new Map(importers.map((path) => [path, scan.importers.get(path) ?? []]));
  const notices: Notice[] = scan.capped
    ? [{ message: `Files that import the changed modules were looked for among the repository's scripts nearest them, up to a limit (${scan.importers.size} found and type-checked); callers beyond it were not checked for errors this change causes.` }]
    : [];
  return { importers, changedImports, notices, changed, resolve };
}

/** Whether a module's imports or re-exports take a changed name (a namespace import or a barrel takes them all). */
function takesChangedName(references: ModuleReferences, resolve: (specifier: string) => string | undefined, changedNames: ReadonlyMap<string, ReadonlySet<string> | "all">, barrels: ReadonlySet<string>): boolean {
  const takes = (target: string | undefined, names: readonly string[], whole: boolean): boolean => {
    if (target === undefined) return false;
    if (barrels.has(target)) return true;
    const changed = changedNames.get(target);
    if (changed === undefined) return false;
    return changed === "all" || whole || names.some((name) => changed.has(name));
  };
  return (
    references.imports.some((entry) => takes(resolve(entry.specifier), entry.bindings.map((b) => b.imported), entry.whole)) ||
    references.reexports.some((entry) => takes(resolve(entry.specifier), entry.names.map((n) => n.imported), entry.all))
  );
}
