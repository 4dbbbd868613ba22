import fs from "node:fs";
import path from "node:path/posix";
import ts from "typescript";
import { fromVirtual, toVirtual, VIRTUAL_ROOT } from "./virtual-root.js";

/** Our own TypeScript's lib directory: the only place on disk the host reads. */
const LIB_DIR = path.dirname(ts.getDefaultLibFilePath({}));
const libSnapshots = new Map<string, ts.IScriptSnapshot | undefined>();
/** Shared by every workspace in the process, so lib.*.d.ts is parsed once. */
export const documentRegistry = ts.createDocumentRegistry(true, VIRTUAL_ROOT);

function readLib(file: string): ts.IScriptSnapshot | undefined {
  if (path.dirname(file) !== LIB_DIR) return undefined;
  if (!libSnapshots.has(file)) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
    libSnapshots.set(file, text === undefined ? undefined : ts.ScriptSnapshot.fromString(text));
  }
  return libSnapshots.get(file);
}

export interface InMemoryFiles {
  get(path: string): { readonly text: string; readonly version: number } | undefined;
  keys(): Iterable<string>;
}

/**
 * A LanguageServiceHost over in-memory files. It reads nothing from disk but
 * TypeScript's own lib files; the repository's node_modules, plugins and
 * scripts do not exist for it.
 */
export function createTypeScriptHost(params: {
  readonly files: InMemoryFiles;
  readonly rootFiles: () => readonly string[];
  readonly options: ts.CompilerOptions;
}): ts.LanguageServiceHost {
  const { files, options } = params;
  const snapshots = new Map<string, { version: number; snapshot: ts.IScriptSnapshot }>();
  const directoryExists = (dir: string): boolean => {
    if (dir === LIB_DIR) return true;
    const relative = fromVirtual(dir);
    if (relative === undefined) return dir === VIRTUAL_ROOT;
    const prefix = `${relative}/`;
    for (const key of files.keys()) if (key.startsWith(prefix)) return true;
    return false;
  };
  return {
    getCompilationSettings: () => options,
    getScriptFileNames: () => params.rootFiles().map(toVirtual),
    getScriptVersion: (file) => String(fileFor(file)?.version ?? 0),
    getScriptSnapshot: (file) => {
      const relative = fromVirtual(file);
      if (relative === undefined) return readLib(file);
      const entry = files.get(relative);
      if (!entry) return undefined;
      const cached = snapshots.get(relative);
      if (cached?.version === entry.version) return cached.snapshot;
      const snapshot = ts.ScriptSnapshot.fromString(entry.text);
      snapshots.set(relative, { version: entry.version, snapshot });
      return snapshot;
    },
    getCurrentDirectory: () => VIRTUAL_ROOT,
    getDefaultLibFileName: (opts) => ts.getDefaultLibFilePath(opts),
    fileExists: (file) => fileFor(file) !== undefined || readLib(file) !== undefined,
    readFile: (file) => fileFor(file)?.text ?? readLib(file)?.getText(0, readLib(file)?.getLength() ?? 0),
    directoryExists,
    getDirectories: () => [],
    readDirectory: () => [],
    realpath: (file) => file,
    useCaseSensitiveFileNames: () => true,
  };

  function fileFor(file: string) {
    const relative = fromVirtual(file);
    return relative === undefined ? undefined : files.get(relative);
  }
}
