import ts from "typescript";
import type { FileSource } from "../types.js";
import { mapLimit } from "../workspace/map-limit.js";
import { readModuleReferences } from "./read-module-references.js";
import { resolveRelativeImport } from "../workspace/resolve-relative-import.js";

const SCRIPT = /\.(?:[cm]?[jt]sx?)$/;
const DECLARATION = /\.d\.[cm]?ts$/;

export interface ImporterScan {
  /** Files that import one of the targets (relative specifiers, or what `resolveBare` maps), in scan order, each with the targets it reaches. */
  readonly importers: ReadonlyMap<string, readonly string[]>;
  /** Files that re-export a target (barrels): they pass the change on, whatever names their importers take. */
  readonly barrels: ReadonlySet<string>;
  /** The scan stopped at a limit, so importers beyond it were not looked for. */
  readonly capped: boolean;
  /** Texts read by the scan (path → text), so the caller reads nothing twice. */
  readonly texts: ReadonlyMap<string, string>;
}

/**
 * The snapshot's scripts that import any of `targets`: a cheap scan of import
 * specifiers with TypeScript's pre-processor (only files that import a target
 * are parsed, to read their re-exports; nothing is resolved beyond the
 * snapshot's paths, or run). A file that re-exports a target (a barrel,
 * `index.ts`) passes the change on: its importers count too, and so does it.
 * Files in `exclude` are not importers; texts in `known` are not read again. Scripts nearest the targets'
 * folders are scanned first; at most `maxScanned` are read and `maxImporters`
 * returned.
 */
export async function findImporters(params: {
  readonly source: FileSource;
  readonly knownPaths: ReadonlySet<string>;
  readonly targets: ReadonlySet<string>;
  readonly exclude?: ReadonlySet<string>;
  /** Texts already in hand (loaded files). */
  readonly known?: ReadonlyMap<string, string>;
  /** A bare specifier to a repository path (a workspace package), or undefined. */
  readonly resolveBare?: (from: string, specifier: string) => string | undefined;
  readonly maxImporters?: number;
  readonly maxScanned?: number;
  readonly concurrency?: number;
}): Promise<ImporterScan> {
  const maxImporters = params.maxImporters ?? 50;
  const maxScanned = params.maxScanned ?? 300;
  // A removed target still resolves: its importers are the files it breaks.
  const resolvable = new Set([...params.knownPaths, ...params.targets]);
  const folders = [...params.targets].map(folderOf);
  const candidates = [...params.knownPaths]
    .filter((p) => SCRIPT.test(p) && !DECLARATION.test(p) && !p.split("/").includes("node_modules") && !params.targets.has(p) && params.exclude?.has(p) !== true)
    .map((p) => ({ path: p, distance: Math.min(...folders.map((folder) => distance(folderOf(p), folder))) }))
    .sort((a, b) => a.distance - b.distance || a.path.localeCompare(b.path))
    .map((c) => c.path);
  const scanned = candidates.slice(0, maxScanned);
  let capped = candidates.length > scanned.length;
  const texts = new Map<string, string>();
  const importers = new Map<string, string[]>();
  const results = await mapLimit(scanned, params.concurrency ?? 8, async (path) => {
    const known = params.known?.get(path);
    if (known !== undefined) return { path, text: known, read: false };
    const result = await params.source.readText(path);
    return { path, text: result.kind === "text" ? result.text : undefined, read: true };
  });
  // Each file's imports that reach the snapshot, and which of them it re-exports (a barrel passes a change on).
  const reached = new Map<string, { imports: Set<string>; reexports: Set<string> }>();
  const resolve = (from: string, specifier: string): string | undefined => resolveRelativeImport(from, specifier, resolvable) ?? params.resolveBare?.(from, specifier);
  for (const { path, text, read } of results) {
    if (text === undefined) continue;
    if (read) texts.set(path, text);
    const imports = new Set(ts.preProcessFile(text, true, true).importedFiles.flatMap((ref) => resolve(path, ref.fileName) ?? []));
    if (![...imports].some((target) => params.targets.has(target))) {
      reached.set(path, { imports, reexports: new Set() });
      continue;
    }
    const reexports = new Set(readModuleReferences(path, text).reexports.flatMap((r) => resolve(path, r.specifier) ?? []));
    reached.set(path, { imports, reexports });
  }
  // Targets grow through barrels (`export * from "./changed"`), then every file importing one is an importer.
  // Each target, with the changed modules it stands for (a barrel stands for what it re-exports).
  const targets = new Map([...params.targets].map((target) => [target, new Set([target])]));
  for (let grew = true; grew; ) {
    grew = false;
    for (const [path, { reexports }] of reached) {
      const passed = [...reexports].filter((target) => targets.has(target));
      if (targets.has(path) || passed.length === 0) continue;
      targets.set(path, new Set(passed.flatMap((target) => [...(targets.get(target) ?? [])])));
      grew = true;
    }
  }
  for (const [path, { imports }] of reached) {
    const hits = [...new Set([...imports].flatMap((target) => [...(targets.get(target) ?? [])]))];
    if (hits.length === 0 || params.targets.has(path)) continue;
    if (importers.size >= maxImporters) {
      capped = true;
      break;
    }
    importers.set(path, hits);
  }
  const barrels = new Set([...targets.keys()].filter((target) => !params.targets.has(target)));
  return { importers, barrels, capped, texts };
}

function folderOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return slash === -1 ? "" : path.slice(0, slash);
}

/** Steps between two folders through their common ancestor. */
function distance(a: string, b: string): number {
  const x = a === "" ? [] : a.split("/");
  const y = b === "" ? [] : b.split("/");
  let common = 0;
  while (common < x.length && common < y.length && x[common] === y[common]) common++;
  return x.length - common + (y.length - common);
}
