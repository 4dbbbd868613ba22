import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path/posix";
import ts from "typescript";
import { createPathIndex, type PathIndex } from "./create-path-index.js";
import { toDependencyKey } from "./dependency-path.js";
import { RETAINED_DOCUMENTS, retainDocuments } from "./retain-documents.js";
import type { WorkspaceLink } from "./link-workspace-packages.js";
import { linkedPath } from "./linked-path.js";
import { fromVirtual, toVirtual, VIRTUAL_ROOT } from "./virtual-root.js";

/** Our own TypeScript's lib directory: the only place on disk the host reads. */
const LIB_DIR = path.dirname(ts.getDefaultLibFilePath({}));
const libSnapshots = new Map<string, ts.IScriptSnapshot | undefined>();
/**
 * Shared by every workspace in the process, so lib.*.d.ts and dependency declarations are parsed once:
 * the files of the last reviews stay parsed after their language services are disposed (a bound, not all).
 */
export const documentRegistry = retainDocuments(ts.createDocumentRegistry(true, VIRTUAL_ROOT), RETAINED_DOCUMENTS);

function readLib(file: string): ts.IScriptSnapshot | undefined {
  if (path.dirname(file) !== LIB_DIR) return undefined;
  if (!libSnapshots.has(file)) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
    libSnapshots.set(file, text === undefined ? undefined : ts.ScriptSnapshot.fromString(text));
  }
  return libSnapshots.get(file);
}

export interface InMemoryFiles {
  get(path: string): { readonly text: string; readonly version: number | string } | undefined;
  keys(): Iterable<string>;
}

/**
 * Acquired dependency declarations ("node_modules/<name>/<file>" → text), indexed once.
 * Versions are content hashes, so the shared document registry parses each
 * declaration file once for every review that sees the same text.
 */
export interface DependencyFiles {
  get(key: string): string | undefined;
  version(key: string): string;
  readonly index: PathIndex;
}

const dependencyViews = new WeakMap<ReadonlyMap<string, string>, DependencyFiles>();

/** The dependency view of a map of acquired files (built once per map). */
export function viewDependencies(files: ReadonlyMap<string, string>): DependencyFiles {
  const existing = dependencyViews.get(files);
  if (existing) return existing;
  const versions = new Map<string, string>();
  const view: DependencyFiles = {
    get: (key) => files.get(key),
    version(key) {
      let version = versions.get(key);
      if (version === undefined) {
        version = `dep:${createHash("sha1").update(files.get(key) ?? "").digest("hex")}`;
        versions.set(key, version);
      }
      return version;
    },
    index: createPathIndex(files.keys()),
  };
  dependencyViews.set(files, view);
  return view;
}

/**
 * A LanguageServiceHost over in-memory files. It reads nothing from disk but
 * TypeScript's own lib files; the repository's node_modules, plugins and
 * scripts do not exist for it. Dependencies are the acquired declaration
 * files, served under the virtual root's node_modules.
 */
export function createTypeScriptHost(params: {
  readonly files: InMemoryFiles;
  readonly rootFiles: () => readonly string[];
  readonly options: ts.CompilerOptions;
  readonly dependencies?: DependencyFiles;
  /** The repository's workspace packages, served under node_modules from their folders (as pnpm/npm link them). */
  readonly links?: ReadonlyMap<string, WorkspaceLink>;
}): ts.LanguageServiceHost {
  const { files, options } = params;
  const dependencies = params.dependencies ?? viewDependencies(new Map());
  const links = params.links ?? new Map<string, WorkspaceLink>();
  const hasFolder = (relative: string): boolean => {
    const prefix = `${relative}/`;
    for (const key of files.keys()) if (key.startsWith(prefix)) return true;
    return false;
  };
  /** A node_modules path of a linked package → its repository path (files) or served package.json. */
  const linked = (file: string): { readonly manifest: string } | { readonly path: string } | undefined => {
    const dependency = toDependencyKey(file);
    return dependency === undefined ? undefined : linkedPath(dependency, links);
  };
  const snapshots = new Map<string, { version: number | string; snapshot: ts.IScriptSnapshot }>();
  const directoryExists = (dir: string): boolean => {
    if (dir === LIB_DIR) return true;
    const dependency = toDependencyKey(dir);
    if (dependency !== undefined) {
      const link = linkedPath(dependency, links);
      if (link !== undefined) return "path" in link && hasFolder(link.path);
      return dependencies.index.hasDirectory(dependency) || [...links.keys()].some((name) => `node_modules/${name}`.startsWith(`${dependency}/`));
    }
    const relative = fromVirtual(dir);
    if (relative === undefined) return dir === VIRTUAL_ROOT;
    return hasFolder(relative);
  };
  const snapshotOf = (key: string, version: number | string, text: string): ts.IScriptSnapshot => {
    const cached = snapshots.get(key);
    if (cached?.version === version) return cached.snapshot;
    const snapshot = ts.ScriptSnapshot.fromString(text);
    snapshots.set(key, { version, snapshot });
    return snapshot;
  };
  const read = (file: string): string | undefined => {
    const link = linked(file);
    if (link !== undefined) return "manifest" in link ? link.manifest : files.get(link.path)?.text;
    const dependency = toDependencyKey(file);
    if (dependency !== undefined) return dependencies.get(dependency);
    const relative = fromVirtual(file);
    if (relative !== undefined) return files.get(relative)?.text;
    const lib = readLib(file);
    return lib?.getText(0, lib.getLength());
  };
  return {
    getCompilationSettings: () => options,
    getScriptFileNames: () => params.rootFiles().map(toVirtual),
    getScriptVersion: (file) => {
      const link = linked(file);
      if (link !== undefined && "path" in link) return String(files.get(link.path)?.version ?? 0);
      const dependency = toDependencyKey(file);
      if (dependency !== undefined) return dependencies.version(dependency);
      const relative = fromVirtual(file);
      return String((relative === undefined ? undefined : files.get(relative)?.version) ?? 0);
    },
    getScriptSnapshot: (file) => {
      const link = linked(file);
      if (link !== undefined && "path" in link) {
        const entry = files.get(link.path);
        return entry ? snapshotOf(link.path, entry.version, entry.text) : undefined;
      }
      const dependency = toDependencyKey(file);
      if (dependency !== undefined) {
        const text = dependencies.get(dependency);
        return text === undefined ? undefined : snapshotOf(dependency, dependencies.version(dependency), text);
      }
      const relative = fromVirtual(file);
      if (relative === undefined) return readLib(file);
      const entry = files.get(relative);
      return entry ? snapshotOf(relative, entry.version, entry.text) : undefined;
    },
    getCurrentDirectory: () => VIRTUAL_ROOT,
    getDefaultLibFileName: (opts) => ts.getDefaultLibFilePath(opts),
    fileExists: (file) => read(file) !== undefined,
    readFile: read,
    directoryExists,
    // Only node_modules folders are listed: TypeScript asks for them to find @types packages.
    getDirectories: (dir) => {
      const dependency = toDependencyKey(dir);
      return dependency === undefined ? [] : [...dependencies.index.entries(dependency).directories];
    },
    readDirectory: () => [],
    // A linked workspace package is a symbolic link onto its folder: its files are the repository's own.
    realpath: (file) => {
      const link = linked(file);
      return link !== undefined && "path" in link ? toVirtual(link.path) : file;
    },
    useCaseSensitiveFileNames: () => true,
  };
}
