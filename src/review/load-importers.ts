import { exportedSurface } from "../analyze/exported-surface.js";
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
  for (const file of params.diff) {
    if (!SCRIPT.test(file.path) || file.status === "added" || file.status === "binary") continue;
    const basePath = file.oldPath ?? file.path;
    const headText = head.loaded.files.get(file.path);
    const baseText = base.loaded.files.get(basePath);
    // A change inside typed bodies only keeps what importers see: they are not checked again.
    const changed = file.status === "removed" || file.oldPath !== undefined || headText === undefined || baseText === undefined || exportedSurface(file.path, headText) !== exportedSurface(basePath, baseText);
    if (!changed) continue;
    targets.add(file.path);
    targets.add(basePath);
  }
  if (targets.size === 0) return { importers: [], changedImports: new Map(), notices: [] };
  const scan = await findImporters({
    source: head.source,
    knownPaths: head.loaded.knownPaths,
    targets,
    exclude: new Set(params.diff.flatMap((f) => [f.path, f.oldPath ?? f.path])),
    known: head.loaded.files,
    // Importers in other workspace packages reach the changed module through the package's name.
    resolveBare: params.resolveBare ?? ((_from, specifier) => head.loaded.links?.resolve(specifier)),
    ...(params.maxImporters === undefined ? {} : { maxImporters: params.maxImporters }),
    ...(params.maxScanned === undefined ? {} : { maxScanned: params.maxScanned }),
  });
  // A file the change did not touch exists at both sides, with the same text.
  const importers = [...scan.importers.keys()].filter((path) => base.loaded.knownPaths.has(path));
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
  return { importers, changedImports, notices };
}
