import type { Linter } from "eslint";
import ts from "typescript";
import type { Diagnostic } from "../types.js";
import { isDependencyNoise } from "./ignored-typescript-codes.js";
import type { SafeLinter } from "./safe-linter.js";
import { createTypeScriptHost, documentRegistry } from "./typescript-host.js";
import { toVirtual } from "./virtual-root.js";

export interface WorkspaceChecks {
  readonly eslint: boolean;
  readonly typescript: boolean;
}

/**
 * One snapshot of a repository held in memory, with a TypeScript language
 * service and the safe linter over it. Edits are applied with setText and
 * re-diagnosed incrementally.
 */
export interface Workspace {
  /** Every loaded path. */
  paths(): readonly string[];
  getText(path: string): string | undefined;
  /** Replace a file's text (a new version for the language service). */
  setText(path: string, text: string): void;
  /** ESLint and TypeScript diagnostics of one file, module-resolution noise removed. */
  diagnose(path: string): Diagnostic[];
  /** The raw ESLint messages of a file's current text (for rule fixes and suggestions). */
  lintMessages(path: string): Linter.LintMessage[];
  /** TypeScript code fixes for one TypeScript diagnostic of the file's current text. */
  codeFixes(path: string, diagnostic: Diagnostic): readonly ts.CodeFixAction[];
  /** Loaded files that import `path` with a relative specifier. */
  dependents(path: string): string[];
  dispose(): void;
}

/**
 * Script versions are unique in the process: the document registry (shared so
 * lib.*.d.ts is parsed once) caches source files by path and version, and the
 * base and head workspaces hold different text under the same path.
 */
let nextVersion = 1;

const SCRIPT = /\.(?:[cm]?[jt]sx?)$/;
const TS_FILE = /\.(?:[cm]?tsx?)$/;

export function createWorkspace(params: {
  readonly files: ReadonlyMap<string, string>;
  readonly compilerOptions: ts.CompilerOptions;
  /** Every path of the snapshot (loaded or not), to tell a missing file from one we did not load. */
  readonly knownPaths: ReadonlySet<string>;
  readonly linter: SafeLinter;
  readonly checks: WorkspaceChecks;
}): Workspace {
  const files = new Map<string, { text: string; version: number }>();
  for (const [path, text] of params.files) files.set(path, { text, version: nextVersion++ });
  const options = params.compilerOptions;
  const rootFiles = (): string[] => [...files.keys()].filter((path) => SCRIPT.test(path));
  const host = createTypeScriptHost({ files, rootFiles, options });
  const service = ts.createLanguageService(host, documentRegistry);
  const lintCache = new Map<string, { version: number; messages: Linter.LintMessage[] }>();
  // Diagnostics depend on every file's text, so they are cached only for the state as loaded.
  // A validation patches a file and restores it, so the "before" side is computed once per file.
  const loaded = new Map(params.files);
  const changed = new Set<string>();
  const loadedDiagnostics = new Map<string, Diagnostic[]>();

  const isTypeChecked = (path: string): boolean =>
    TS_FILE.test(path) || (options.allowJs === true && options.checkJs === true && SCRIPT.test(path));

  function lintMessages(path: string): Linter.LintMessage[] {
    const entry = files.get(path);
    if (!entry || !SCRIPT.test(path)) return [];
    const cached = lintCache.get(path);
    if (cached?.version === entry.version) return cached.messages;
    const messages = params.linter.lint(path, entry.text);
    lintCache.set(path, { version: entry.version, messages });
    return messages;
  }

  function typescriptDiagnostics(path: string): ts.Diagnostic[] {
    if (!files.has(path) || !isTypeChecked(path)) return [];
    const file = toVirtual(path);
    const all = [...service.getSyntacticDiagnostics(file), ...service.getSemanticDiagnostics(file)];
    return all.filter(
      (d) =>
        d.category === ts.DiagnosticCategory.Error &&
        !isDependencyNoise({ code: d.code, message: ts.flattenDiagnosticMessageText(d.messageText, " "), path, knownPaths: params.knownPaths }),
    );
  }

  return {
    paths: () => [...files.keys()],
    getText: (path) => files.get(path)?.text,
    setText(path, text) {
      const entry = files.get(path);
      if (entry?.text === text) return;
      files.set(path, { text, version: nextVersion++ });
      if (loaded.get(path) === text) changed.delete(path);
      else changed.add(path);
    },
    diagnose(path) {
      const entry = files.get(path);
      if (!entry) return [];
      const cached = changed.size === 0 ? loadedDiagnostics.get(path) : undefined;
      if (cached) return [...cached];
      const result: Diagnostic[] = [];
      if (params.checks.eslint) {
        for (const message of lintMessages(path)) result.push(fromLintMessage(path, message));
      }
      if (params.checks.typescript) {
        const source = service.getProgram()?.getSourceFile(toVirtual(path));
        for (const d of typescriptDiagnostics(path)) result.push(fromTsDiagnostic(path, d, source));
      }
      result.sort((a, b) => a.line - b.line || a.column - b.column);
      if (changed.size === 0) loadedDiagnostics.set(path, result);
      return [...result];
    },
    lintMessages,
    codeFixes(path, diagnostic) {
      const source = service.getProgram()?.getSourceFile(toVirtual(path));
      const code = Number(diagnostic.code.replace(/^TS/, ""));
      if (!source || diagnostic.source !== "typescript" || !Number.isInteger(code)) return [];
      const start = positionOf(source, diagnostic.line, diagnostic.column);
      const end = positionOf(source, diagnostic.endLine, diagnostic.endColumn);
      try {
        return service.getCodeFixesAtPosition(toVirtual(path), start, end, [code], FORMAT, {});
      } catch {
        // Some code-fix providers throw on unusual input; a fix we cannot compute is simply not offered.
        return [];
      }
    },
    dependents(path) {
      const result: string[] = [];
      for (const [other, entry] of files) {
        if (other === path || !SCRIPT.test(other)) continue;
        const imports = ts.preProcessFile(entry.text, true, true).importedFiles;
        if (imports.some((ref) => importsPath(other, ref.fileName, path))) result.push(other);
      }
      return result;
    },
    dispose: () => {
      service.dispose();
    },
  };
}

const FORMAT: ts.FormatCodeSettings = { ...ts.getDefaultFormatCodeSettings("\n"), indentSize: 2, tabSize: 2, convertTabsToSpaces: true };

function importsPath(from: string, specifier: string, target: string): boolean {
  if (!specifier.startsWith(".")) return false;
  const base = from.split("/").slice(0, -1);
  for (const part of specifier.split("/")) {
    if (part === "..") base.pop();
    else if (part !== ".") base.push(part);
  }
  const resolved = base.join("/");
  const stem = target.replace(/\.(?:d\.)?[cm]?[jt]sx?$/, "");
  return resolved === target || resolved.replace(/\.[cm]?jsx?$/, "") === stem || resolved === stem || `${resolved}/index` === stem;
}

function positionOf(source: ts.SourceFile, line: number, column: number): number {
  const lineCount = source.getLineStarts().length;
  const safeLine = Math.min(Math.max(line, 1), lineCount);
  return Math.min(source.getPositionOfLineAndCharacter(safeLine - 1, 0) + column - 1, source.getEnd());
}

function fromLintMessage(path: string, message: Linter.LintMessage): Diagnostic {
  return {
    path,
    line: message.line,
    column: message.column,
    endLine: message.endLine ?? message.line,
    endColumn: message.endColumn ?? message.column,
    source: "eslint",
    code: message.ruleId ?? (message.fatal === true ? "parse-error" : "eslint"),
    message: message.message,
    severity: message.severity === 2 ? "error" : "warning",
  };
}

function fromTsDiagnostic(path: string, d: ts.Diagnostic, source: ts.SourceFile | undefined): Diagnostic {
  const start = d.start ?? 0;
  const end = start + (d.length ?? 0);
  const from = source ? source.getLineAndCharacterOfPosition(start) : { line: 0, character: 0 };
  const to = source ? source.getLineAndCharacterOfPosition(end) : from;
  return {
    path,
    line: from.line + 1,
    column: from.character + 1,
    endLine: to.line + 1,
    endColumn: to.character + 1,
    source: "typescript",
    code: `TS${d.code}`,
    message: ts.flattenDiagnosticMessageText(d.messageText, " "),
    severity: "error",
  };
}
