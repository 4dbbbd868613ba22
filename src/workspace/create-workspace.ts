import { createHash } from "node:crypto";
import type { Linter } from "eslint";
import ts from "typescript";
import { judgeMissingValueClaim } from "../analyze/missing-value-claim.js";
import { listSuspectRewrites, type SuspectRewrite } from "../analyze/suspect-rewrites.js";
import type { Diagnostic } from "../types.js";
import { isDependencyNoise } from "./ignored-typescript-codes.js";
import type { WorkspaceLink } from "./link-workspace-packages.js";
import type { SafeLinter } from "./safe-linter.js";
import type { ProjectLayout } from "./resolve-projects.js";
import { createTypeScriptHost, documentRegistry, type InMemoryFiles, viewDependencies } from "./typescript-host.js";
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
  /**
   * Take a file out (one whose analysis failed): later diagnoses do not see it,
   * and the language services, which a failure may have left half-updated, start afresh.
   */
  remove(path: string): void;
  /** ESLint and TypeScript diagnostics of one file (or of one of the two), module-resolution noise removed. */
  diagnose(path: string, only?: Diagnostic["source"]): Diagnostic[];
  /** The raw ESLint messages of a file's current text (for rule fixes and suggestions). */
  lintMessages(path: string): Linter.LintMessage[];
  /** TypeScript code fixes for one TypeScript diagnostic of the file's current text. */
  codeFixes(path: string, diagnostic: Diagnostic): readonly ts.CodeFixAction[];
  /** Whether TypeScript checks `path` here: a tsconfig includes it, and it is TypeScript (or checked JavaScript). */
  typeChecked(path: string): boolean;
  /**
   * The declaration files (.d.ts) TypeScript emits for loaded files, whatever the project's emit settings:
   * what importers of each module can see of it, each emitted from the text given for it (all of them in
   * place at once). Undefined for a file that is not type-checked, whose emit reports a problem, or whose
   * text's `@internal` declarations the project strips (its importers still see them).
   */
  declarationTexts(variants: ReadonlyMap<string, string>): ReadonlyMap<string, string | undefined>;
  /** Loaded files that import `path` with a relative specifier. */
  dependents(path: string): string[];
  /**
   * Whether a global value (`process`) is declared for `path` as its project
   * sees it; undefined when that cannot be known (the environment is
   * incomplete, or the file is not type-checked).
   */
  declaresGlobal(path: string, name: string): boolean | undefined;
  /**
   * What TypeScript says of a claim that a value on lines start..end of
   * `path` may be null or undefined (judgeMissingValueClaim; "open" without
   * strictNullChecks); undefined when the file is not type-checked. An
   * incomplete environment needs no gate: what a missing declaration leaves
   * untyped reads as `any`, which is never judged.
   */
  judgeMissingValue(path: string, startLine: number, endLine: number, claim: string): "refuted" | "open" | undefined;
  /**
   * The candidate rewrites of the expressions on `lines` (1-based, the lines a
   * change added) that the likelihood check weighs (listSuspectRewrites);
   * undefined when the file is not type-checked (the operators need types).
   */
  suspectRewrites(path: string, lines: ReadonlySet<number>, limit?: number): SuspectRewrite[] | undefined;
  dispose(): void;
}

/**
 * Script versions are the text's content hash: the document registry (shared
 * by every workspace of the process) caches source files by path and version,
 * so a file that is the same at base and head, or in the next review, is
 * parsed once, and different texts under one path never mix.
 */
function versionOf(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

const SCRIPT = /\.(?:[cm]?[jt]sx?)$/;
const TS_FILE = /\.(?:[cm]?tsx?)$/;

/** "Cannot find name …" and its variants: silenced when a `types` package the project names could not be had. */
const CANNOT_FIND_NAME = new Set([2304, 2552, 2503, 2694]);
/** "… implicitly has an 'any' type" and its variants: what an `any` from an unknown package leads to. */
const IMPLICIT_ANY = new Set([7005, 7006, 7008, 7010, 7011, 7018, 7019, 7022, 7023, 7024, 7031, 7034, 7053]);

export function createWorkspace(params: {
  readonly files: ReadonlyMap<string, string>;
  /** One set of options for every file (tests, generated-test checks); `layout` takes precedence. */
  readonly compilerOptions?: ts.CompilerOptions;
  /** Each file's tsconfig, as the repository's own tsc sees it. */
  readonly layout?: ProjectLayout;
  /** Acquired dependency declarations, "node_modules/<name>/<file>" → text. */
  readonly dependencies?: ReadonlyMap<string, string>;
  /** Global declarations the project expects could not be had: "Cannot find name" errors are not facts here. */
  readonly silenceUnknownNames?: boolean;
  /** Some imported packages are unknown (`any`): a callback passed to one has parameters the real types would have typed. */
  readonly silenceImplicitAny?: boolean;
  /** The repository's workspace packages linked from its own folders (node_modules/<name> → folder). */
  readonly links?: ReadonlyMap<string, WorkspaceLink>;
  /** Every path of the snapshot (loaded or not), to tell a missing file from one we did not load. */
  readonly knownPaths: ReadonlySet<string>;
  readonly linter: SafeLinter;
  readonly checks: WorkspaceChecks;
  /** The dependencies are the repository's whole environment: a global they do not declare is not declared in the repository either. */
  readonly environmentComplete?: boolean;
}): Workspace {
  const files = new Map<string, { text: string; version: string }>();
  for (const [path, text] of params.files) files.set(path, { text, version: versionOf(text) });
  const layout: ProjectLayout = params.layout ?? singleProject(params.compilerOptions ?? {});
  const dependencies = viewDependencies(params.dependencies ?? new Map());
  const ambient = [...(params.dependencies?.keys() ?? [])].filter((key) => key.startsWith(AMBIENT_PREFIX));
  const services = new Map<string, ts.LanguageService>();
  const serviceOf = (path: string): { service: ts.LanguageService; options: ts.CompilerOptions } | undefined => {
    const project = layout.projectOf(path);
    const options = project === undefined ? undefined : layout.projects.get(project);
    if (project === undefined || options === undefined) return undefined;
    let service = services.get(project);
    if (!service) {
      service = createService(project, options, files);
      services.set(project, service);
    }
    return { service, options };
  };
  const createService = (project: string, options: ts.CompilerOptions, view: InMemoryFiles): ts.LanguageService => {
    const rootFiles = (): string[] => [...[...view.keys()].filter((p) => SCRIPT.test(p) && layout.projectOf(p) === project), ...ambient];
    return ts.createLanguageService(createTypeScriptHost({ files: view, rootFiles, options, dependencies, ...(params.links ? { links: params.links } : {}) }), documentRegistry);
  };
  // Read when diagnosing: the layout learns which `types` entries are missing as it resolves each file's project.
  const silenced = (code: number): boolean =>
    (CANNOT_FIND_NAME.has(code) && (params.silenceUnknownNames === true || layout.typesMissing().length > 0)) || (IMPLICIT_ANY.has(code) && params.silenceImplicitAny === true);
  const lintCache = new Map<string, { version: string; messages: Linter.LintMessage[] }>();
  // Diagnostics depend on every file's text, so they are cached only for the state as loaded.
  // A validation patches a file and restores it, so the "before" side is computed once per file.
  const loaded = new Map(params.files);
  const changed = new Set<string>();
  const loadedDiagnostics = new Map<string, Diagnostic[]>();

  const isTypeChecked = (path: string, options: ts.CompilerOptions): boolean =>
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
    const project = serviceOf(path);
    if (!files.has(path) || !project || !isTypeChecked(path, project.options)) return [];
    const file = toVirtual(path);
    const all = [...project.service.getSyntacticDiagnostics(file), ...project.service.getSemanticDiagnostics(file)];
    return all.filter(
      (d) =>
        d.category === ts.DiagnosticCategory.Error &&
        !silenced(d.code) &&
        !isDependencyNoise({ code: d.code, message: ts.flattenDiagnosticMessageText(d.messageText, " "), path, knownPaths: params.knownPaths }),
    );
  }

  return {
    paths: () => [...files.keys()],
    typeChecked(path) {
      const project = serviceOf(path);
      return project !== undefined && isTypeChecked(path, project.options);
    },
    getText: (path) => files.get(path)?.text,
    setText(path, text) {
      const entry = files.get(path);
      if (entry?.text === text) return;
      files.set(path, { text, version: versionOf(text) });
      if (loaded.get(path) === text) changed.delete(path);
      else changed.add(path);
    },
    remove(path) {
      if (!files.delete(path)) return;
      loaded.delete(path);
      changed.delete(path);
      lintCache.delete(path);
      loadedDiagnostics.clear();
      for (const service of services.values()) service.dispose();
      services.clear();
    },
    diagnose(path, only) {
      const entry = files.get(path);
      if (!entry) return [];
      const key = `${only ?? "all"}\u0000${path}`;
      const cached = changed.size === 0 ? loadedDiagnostics.get(key) : undefined;
      if (cached) return [...cached];
      const result: Diagnostic[] = [];
      if (params.checks.eslint && only !== "typescript") {
        for (const message of lintMessages(path)) result.push(fromLintMessage(path, message));
      }
      if (params.checks.typescript && only !== "eslint") {
        const source = serviceOf(path)?.service.getProgram()?.getSourceFile(toVirtual(path));
        for (const d of typescriptDiagnostics(path)) result.push(fromTsDiagnostic(path, d, source));
      }
      result.sort((a, b) => a.line - b.line || a.column - b.column);
      if (changed.size === 0) loadedDiagnostics.set(key, result);
      return [...result];
    },
    lintMessages,
    codeFixes(path, diagnostic) {
      const service = serviceOf(path)?.service;
      const source = service?.getProgram()?.getSourceFile(toVirtual(path));
      const code = Number(diagnostic.code.replace(/^TS/, ""));
      if (!service || !source || diagnostic.source !== "typescript" || !Number.isInteger(code)) return [];
      const start = positionOf(source, diagnostic.line, diagnostic.column);
      const end = positionOf(source, diagnostic.endLine, diagnostic.endColumn);
      try {
        return service.getCodeFixesAtPosition(toVirtual(path), start, end, [code], FORMAT, {});
      } catch {
        // Some code-fix providers throw on unusual input; a fix we cannot compute is simply not offered.
        return [];
      }
    },
    declarationTexts(variants) {
      const result = new Map<string, string | undefined>();
      // One throwaway service per project over the same files, every variant in place (parsed files shared):
      // one program and one checker for all of them, the workspace unchanged.
      const byProject = new Map<string, string[]>();
      for (const [path, text] of variants) {
        const project = layout.projectOf(path);
        const options = project === undefined ? undefined : layout.projects.get(project);
        result.set(path, undefined);
        // `stripInternal` leaves out what a comment marks `@internal`: only a text without one emits all its importers see.
        if (!files.has(path) || project === undefined || !options || !isTypeChecked(path, options) || (options.stripInternal === true && text.includes("@internal"))) continue;
        byProject.set(project, [...(byProject.get(project) ?? []), path]);
      }
      for (const [project, paths] of byProject) {
        const options = layout.projects.get(project) ?? {};
        const changedText = paths.some((path) => variants.get(path) !== files.get(path)?.text);
        const view: InMemoryFiles = {
          get: (p) => {
            const text = variants.get(p);
            return text === undefined || !files.has(p) ? files.get(p) : { text, version: versionOf(text) };
          },
          keys: () => files.keys(),
        };
        const service = changedText ? createService(project, options, view) : serviceOf(paths[0] ?? "")?.service;
        try {
          for (const path of paths) result.set(path, emitDeclarations(service, path));
        } finally {
          if (changedText) service?.dispose();
        }
      }
      return result;
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
    declaresGlobal(path, name) {
      const project = serviceOf(path);
      if (params.environmentComplete !== true || layout.typesMissing().length > 0 || !project || !isTypeChecked(path, project.options)) return undefined;
      const program = project.service.getProgram();
      const source = program?.getSourceFile(toVirtual(path));
      if (!program || !source) return undefined;
      return program.getTypeChecker().resolveName(name, source, ts.SymbolFlags.Value, false) !== undefined;
    },
    judgeMissingValue(path, startLine, endLine, claim) {
      // The environment need not be complete: what a missing declaration leaves untyped is `any`, which is not judged.
      const project = serviceOf(path);
      if (!project || !isTypeChecked(path, project.options)) return undefined;
      const program = project.service.getProgram();
      const source = program?.getSourceFile(toVirtual(path));
      if (!program || !source) return undefined;
      return judgeMissingValueClaim({ checker: program.getTypeChecker(), source, startLine, endLine, claim, strictNullChecks: project.options.strictNullChecks ?? project.options.strict ?? false });
    },
    suspectRewrites(path, lines, limit) {
      const project = serviceOf(path);
      if (!project || !isTypeChecked(path, project.options)) return undefined;
      const program = project.service.getProgram();
      const source = program?.getSourceFile(toVirtual(path));
      if (!program || !source) return undefined;
      return listSuspectRewrites({ source, checker: program.getTypeChecker(), lines, ...(limit === undefined ? {} : { limit }) });
    },
    dispose: () => {
      for (const service of services.values()) service.dispose();
      services.clear();
    },
  };
}

/** Declarations only, forced: emitted even under noEmit, without type-checking the whole file first; undefined on a problem. */
function emitDeclarations(service: ts.LanguageService | undefined, path: string): string | undefined {
  try {
    const output = service?.getEmitOutput(toVirtual(path), true, true);
    if (!output || output.diagnostics.length > 0) return undefined;
    return output.outputFiles.find((file) => /\.d\.[cm]?ts$/.test(file.name))?.text;
  } catch {
    return undefined;
  }
}

/** Acquired files under this prefix declare the packages that could not be had as `any` modules; every project includes them. */
export const AMBIENT_PREFIX = "node_modules/.patchsmith/";

function singleProject(options: ts.CompilerOptions): ProjectLayout {
  const projects = new Map([["", options]]);
  return { projects, projectOf: () => "", typesMissing: () => [], notices: () => [] };
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
