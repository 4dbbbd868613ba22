import path from "node:path/posix";
import ts from "typescript";
import type { Notice } from "../types.js";
import { fromVirtual, toVirtual } from "./virtual-root.js";

export interface CompilerOptionsResult {
  readonly options: ts.CompilerOptions;
  readonly notices: readonly Notice[];
}

/** Options we always force, whatever the repository says. */
const FORCED: ts.CompilerOptions = {
  noEmit: true,
  skipLibCheck: true,
  // Never written anywhere; declared so `incremental`/`composite` settings cannot make TS look for files.
  incremental: false,
  composite: false,
};

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
 * Read the repository's tsconfig.json **as data**: JSON with comments, parsed by
 * TypeScript's own parser, `extends` followed only to files inside the
 * repository (read through `readFile`, never from disk), `plugins` dropped.
 * Anything wrong becomes a notice and the defaults are used.
 */
export function readCompilerOptions(params: {
  readonly configPath: string;
  readonly readFile: (path: string) => string | undefined;
  readonly fileExists: (path: string) => boolean;
}): CompilerOptionsResult {
  const notices: Notice[] = [];
  const text = params.readFile(params.configPath);
  if (text === undefined) return { options: { ...DEFAULT_COMPILER_OPTIONS, ...FORCED }, notices };

  const parsed = ts.parseConfigFileTextToJson(params.configPath, text);
  if (parsed.error || typeof parsed.config !== "object" || parsed.config === null) {
    const why = parsed.error ? ts.flattenDiagnosticMessageText(parsed.error.messageText, " ") : "it is not a JSON object";
    notices.push({
      path: params.configPath,
      message: `${params.configPath} is not valid JSON (${why}); default compiler options were used. Fix the file to have it honoured.`,
    });
    return { options: { ...DEFAULT_COMPILER_OPTIONS, ...FORCED }, notices };
  }

  const host: ts.ParseConfigHost = {
    useCaseSensitiveFileNames: true,
    // Root files are chosen by the workspace, not by include/exclude globs.
    readDirectory: () => [],
    fileExists: (file) => {
      const relative = fromVirtual(file);
      return relative !== undefined && params.fileExists(relative);
    },
    readFile: (file) => {
      const relative = fromVirtual(file);
      return relative === undefined ? undefined : params.readFile(relative);
    },
  };
  const configFile = toVirtual(params.configPath);
  const result = ts.parseJsonConfigFileContent(parsed.config, host, path.dirname(configFile), undefined, configFile);
  for (const error of result.errors) {
    // TS18003 = "No inputs were found": expected, since readDirectory lists nothing.
    if (error.code === 18003) continue;
    notices.push({
      path: params.configPath,
      message: `${params.configPath}: ${ts.flattenDiagnosticMessageText(error.messageText, " ")} (only files inside the repository can be extended; the rest of the settings were used).`,
    });
  }
  const options: ts.CompilerOptions = { ...result.options, ...FORCED };
  delete options.plugins;
  delete options.configFilePath;
  delete options.tsBuildInfoFile;
  if (options.types !== undefined) delete options.types;
  if (options.typeRoots !== undefined) delete options.typeRoots;
  return { options, notices };
}
