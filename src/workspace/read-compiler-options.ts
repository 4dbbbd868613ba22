import ts from "typescript";
import type { Notice } from "../types.js";
import { createPathIndex } from "./create-path-index.js";
import { FORCED_OPTIONS, parseTsconfig } from "./parse-tsconfig.js";

export interface CompilerOptionsResult {
  readonly options: ts.CompilerOptions;
  readonly notices: readonly Notice[];
}

export const DEFAULT_COMPILER_OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  allowJs: true,
  checkJs: false,
  jsx: ts.JsxEmit.ReactJSX,
  esModuleInterop: true,
  resolveJsonModule: true,
};

/**
 * The options of one tsconfig (a single project for every file), read **as
 * data** by parseTsconfig: `extends` followed inside the repository and into
 * acquired packages, `plugins` dropped. Anything wrong becomes a notice; a
 * missing or invalid file gives the defaults. Reviews use resolveProjects,
 * which also honours include/exclude and references.
 */
export function readCompilerOptions(params: {
  readonly configPath: string;
  readonly readFile: (path: string) => string | undefined;
  readonly fileExists: (path: string) => boolean;
  readonly dependencies?: ReadonlyMap<string, string>;
}): CompilerOptionsResult {
  const defaults = { options: { ...DEFAULT_COMPILER_OPTIONS, ...FORCED_OPTIONS }, notices: [] };
  if (!params.fileExists(params.configPath)) return defaults;
  const parsed = parseTsconfig({
    configPath: params.configPath,
    readFile: (path) => (params.fileExists(path) ? params.readFile(path) : undefined),
    repoIndex: createPathIndex([]),
    dependencies: params.dependencies ?? new Map(),
  });
  if ("invalid" in parsed) return { ...defaults, notices: parsed.notices };
  return { options: parsed.options, notices: parsed.notices };
}
