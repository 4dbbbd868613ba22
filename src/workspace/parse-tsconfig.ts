import path from "node:path/posix";
import ts from "typescript";
import type { Notice } from "../types.js";
import type { PathIndex } from "./create-path-index.js";
import { toDependencyKey } from "./dependency-path.js";
import { fromVirtual, toVirtual, VIRTUAL_ROOT } from "./virtual-root.js";

/** One tsconfig of the repository, resolved as TypeScript resolves it, from data only. */
export interface ParsedTsconfig {
  readonly configPath: string;
  readonly options: ts.CompilerOptions;
  /** Repository paths the config's files/include/exclude select (what its `tsc -p` checks). */
  readonly fileNames: ReadonlySet<string>;
  /** Repository paths of the tsconfig files it references. */
  readonly references: readonly string[];
  /** Its `extends` could not be followed (missing package, missing file, loop): its options are not the project's. */
  readonly extendsBroken: boolean;
  /** `types` entries that could not be resolved in the acquired environment (dropped from the options). */
  readonly typesMissing: readonly string[];
  readonly notices: readonly Notice[];
}

/** Options we always force, whatever the repository says. */
export const FORCED_OPTIONS: ts.CompilerOptions = {
  noEmit: true,
  skipLibCheck: true,
  // Never written anywhere; declared so `incremental`/`composite` settings cannot make TS look for files.
  incremental: false,
  composite: false,
};

// TypeScript's own glob matcher for include/exclude; internal but stable across 5.x (the version is pinned).
type MatchFiles = (
  path: string,
  extensions: readonly string[] | undefined,
  excludes: readonly string[] | undefined,
  includes: readonly string[] | undefined,
  useCaseSensitiveFileNames: boolean,
  currentDirectory: string,
  depth: number | undefined,
  getFileSystemEntries: (path: string) => { files: readonly string[]; directories: readonly string[] },
  realpath: (path: string) => string,
) => string[];
const matchFiles = (ts as unknown as { matchFiles: MatchFiles }).matchFiles;

const EXTENDS_CODES = new Set([6053, 5083, 18000, 18001, 5058]);

/**
 * Parse one tsconfig **as data**: JSON with comments by TypeScript's parser;
 * `extends` followed inside the repository and into acquired packages
 * (`node_modules/<name>/…`, never the disk); include/exclude matched against
 * the snapshot's paths; `plugins` dropped; `types` entries the environment
 * lacks dropped and named.
 */
export function parseTsconfig(params: {
  readonly configPath: string;
  readonly readFile: (path: string) => string | undefined;
  readonly repoIndex: PathIndex;
  readonly dependencies: ReadonlyMap<string, string>;
}): ParsedTsconfig | { readonly invalid: true; readonly notices: readonly Notice[] } {
  const { configPath } = params;
  const text = params.readFile(configPath);
  const unreadable = (why: string) => ({
    invalid: true as const,
    notices: [{ path: configPath, message: `${configPath} is not valid JSON (${why}); files under it were linted but not type-checked. Fix the file to have it honoured.` }],
  });
  if (text === undefined) return unreadable("it could not be read");
  const parsed = ts.parseConfigFileTextToJson(configPath, text);
  if (parsed.error || typeof parsed.config !== "object" || parsed.config === null || Array.isArray(parsed.config)) {
    return unreadable(parsed.error ? ts.flattenDiagnosticMessageText(parsed.error.messageText, " ") : "it is not a JSON object");
  }

  const readAny = (file: string): string | undefined => {
    const dependency = toDependencyKey(file);
    if (dependency !== undefined) return params.dependencies.get(dependency);
    const relative = fromVirtual(file);
    return relative === undefined ? undefined : params.readFile(relative);
  };
  const host: ts.ParseConfigHost = {
    useCaseSensitiveFileNames: true,
    readDirectory: (root, extensions, excludes, includes, depth) =>
      matchFiles(root, extensions, excludes, includes, true, VIRTUAL_ROOT, depth, (dir) => {
        const relative = dir === VIRTUAL_ROOT ? "" : fromVirtual(dir);
        return relative === undefined ? { files: [], directories: [] } : params.repoIndex.entries(relative);
      }, (p) => p),
    fileExists: (file) => readAny(file) !== undefined,
    readFile: readAny,
  };
  const configFile = toVirtual(configPath);
  const result = ts.parseJsonConfigFileContent(parsed.config, host, path.dirname(configFile), undefined, configFile);

  const notices: Notice[] = [];
  let extendsBroken = false;
  for (const error of result.errors) {
    // TS18003 = "No inputs were found": a solution-style config, or one whose files are all elsewhere.
    if (error.code === 18003) continue;
    const message = ts.flattenDiagnosticMessageText(error.messageText, " ").replaceAll(`${VIRTUAL_ROOT}/`, "");
    if (EXTENDS_CODES.has(error.code) || /extends/i.test(message)) {
      extendsBroken = true;
      notices.push({ path: configPath, message: `${configPath}: ${message} Its \`extends\` could not be followed, so files under it were linted but not type-checked (their compiler options would be guesses).` });
    } else {
      notices.push({ path: configPath, message: `${configPath}: ${message} (the rest of the settings were used).` });
    }
  }

  const options: ts.CompilerOptions = { ...result.options, ...FORCED_OPTIONS };
  delete options.plugins;
  delete options.configFilePath;
  delete options.tsBuildInfoFile;
  if (options.typeRoots !== undefined) {
    // Only folders of the snapshot or of the acquired node_modules.
    options.typeRoots = options.typeRoots.filter((root) => path.normalize(root).startsWith(`${VIRTUAL_ROOT}/`));
  }
  const typesMissing: string[] = [];
  if (options.types !== undefined) {
    const resolutionHost: ts.ModuleResolutionHost = { fileExists: (file) => readAny(file) !== undefined, readFile: readAny, directoryExists: () => true };
    options.types = options.types.filter((name) => {
      const resolved = ts.resolveTypeReferenceDirective(name, configFile, options, resolutionHost).resolvedTypeReferenceDirective;
      if (resolved?.resolvedFileName === undefined) typesMissing.push(name);
      return resolved?.resolvedFileName !== undefined;
    });
  }
  const fileNames = new Set<string>();
  for (const name of result.fileNames) {
    const relative = fromVirtual(name);
    if (relative !== undefined) fileNames.add(relative);
  }
  const references: string[] = [];
  for (const reference of result.projectReferences ?? []) {
    const relative = fromVirtual(ts.resolveProjectReferencePath(reference));
    if (relative !== undefined) references.push(relative);
  }
  return { configPath, options, fileNames, references, extendsBroken, typesMissing, notices };
}
