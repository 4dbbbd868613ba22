import { isBuiltin } from "node:module";
import ts from "typescript";
import { splitLines } from "../analyze/apply-edit.js";
import type { ModuleResolver } from "../analyze/create-module-resolver.js";
import { newDiagnostics } from "../analyze/diagnostic-key.js";
import { parseSource } from "../analyze/parse-source.js";
import { readModuleReferences } from "../analyze/read-module-references.js";
import { findRiskyAdditions } from "../security/find-risky-additions.js";
import type { Diagnostic } from "../types.js";
import type { Workspace } from "../workspace/create-workspace.js";
import { keepsCasesOf } from "./drop-failing-cases.js";
import type { TestConventions } from "./test-conventions.js";

export interface TestValidation {
  readonly workspace: Workspace;
  readonly conventions: TestConventions;
  /** Every path of the repository at head. */
  readonly knownPaths: ReadonlySet<string>;
  readonly resolve: ModuleResolver;
  /** Masks secrets (found in the change, or secret-shaped); a test holding one is refused. */
  readonly mask?: (text: string) => string;
}

export interface TestVerdict {
  readonly ok: boolean;
  readonly reasons: readonly string[];
  /** Which of the names to cover the test mentions. */
  readonly covered: readonly string[];
  /** When every reason is a compiler or lint error: the lines of the test file they point at (see dropFailingCases). */
  readonly errorLines?: readonly number[];
}

/** Modules each framework's tests may import even when package.json does not list them. */
const FRAMEWORK_MODULES: Readonly<Record<TestConventions["framework"], readonly string[]>> = {
  vitest: ["vitest"],
  jest: ["@jest/globals"],
  mocha: ["mocha"],
  ava: ["ava"],
  "node:test": [],
};
/** Functions a test framework provides; using one without importing it works only with globals. */
const FRAMEWORK_FUNCTIONS = new Set(["describe", "it", "test", "suite", "expect", "vi", "jest", "beforeAll", "afterAll", "beforeEach", "afterEach", "before", "after"]);
const TEST_CALLS = new Set(["it", "test", "specify", "fit", "xit"]);
/** Framework functions a runner does not have, with how that runner does the same thing. */
const NOT_PROVIDED: Readonly<Record<TestConventions["framework"], Readonly<Record<string, string>>>> = {
  "node:test": {
    expect: 'assert with node:assert instead: import assert from "node:assert/strict"; assert.strictEqual(actual, expected), assert.deepStrictEqual, assert.throws',
    vi: 'mock with the `mock` export of "node:test" (mock.fn())',
    jest: 'mock with the `mock` export of "node:test" (mock.fn())',
    beforeAll: "use before()",
    afterAll: "use after()",
  },
  vitest: { jest: "use vi", before: "use beforeAll()", after: "use afterAll()" },
  jest: { vi: "use jest", before: "use beforeAll()", after: "use afterAll()" },
  mocha: { vi: "use a stub library the repository lists, or none", jest: "use a stub library the repository lists, or none", beforeAll: "use before()", afterAll: "use after()" },
  ava: {},
};
/** What a unit test must not do: it may be run, and the model's output is untrusted. */
const RISKS = new Set(["an environment read", "a network call", "a subprocess", "dynamic code", "file-system access", "cookies or browser storage"]);

/**
 * Check a generated test file as code, before anyone sees it:
 *  1. it is the file asked for, adds something, keeps the cases an existing file has, and holds no secret, no HTML
 *     comment opener and no network, subprocess, environment or file-writing code;
 *  2. it imports only files of the repository, Node.js built-ins, the test
 *     framework, and packages listed in package.json;
 *  3. it uses the framework's functions the way the repository does (imported, or globals),
 *     has at least one test and mentions a symbol it was asked to cover;
 *  4. it parses, type-checks against the changed source (with the shipped
 *     framework declarations) and ESLint finds no error in it; for an existing
 *     test file, no error that the file did not already have.
 * The workspace is restored before returning.
 */
export function validateGeneratedTest(params: {
  readonly validation: TestValidation;
  /** The path planned for the test. */
  readonly testPath: string;
  /** The path the model gave. */
  readonly proposedPath: string;
  readonly code: string;
  /** The test file's text at head, when it exists. */
  readonly existingText?: string;
  /** Names the test should mention (exported names, or method names). */
  readonly mention: readonly string[];
  /** Text whose capabilities the test may reuse (the module under test and the existing test). */
  readonly original: string;
}): TestVerdict {
  const { validation, testPath, code } = params;
  const { conventions } = validation;
  const reasons: string[] = [];
  const normalisedPath = params.proposedPath.replace(/^\.\//, "");
  if (normalisedPath !== testPath) reasons.push(`the test file must be ${testPath}, not ${params.proposedPath}`);
  if (code.trim() === "") return { ok: false, reasons: [...reasons, "the test file is empty"], covered: [] };
  if (params.existingText !== undefined && code.trim() === params.existingText.trim()) reasons.push("it adds nothing to the existing test file");
  else if (params.existingText !== undefined && !keepsCasesOf(testPath, params.existingText, code)) reasons.push("it leaves out or changes test cases the file already has; keep them as they are and add new cases");
  if (code.includes("<!--")) reasons.push("it holds an HTML comment opener (`<!--`), which is not allowed in posted code");
  if (validation.mask !== undefined && validation.mask(code) !== code) reasons.push("it holds a secret-shaped string; use an obviously fake value");
  const risky = findRiskyAdditions(params.original, code).filter((label) => RISKS.has(label));
  if (risky.length > 0) reasons.push(`it adds ${risky.join(", ")}; a unit test of this module must not need that`);

  // 2. Imports.
  const references = readModuleReferences(testPath, code);
  const allowed = new Set([...conventions.dependencies, ...FRAMEWORK_MODULES[conventions.framework], ...(conventions.assertions === "chai" ? ["chai"] : [])]);
  const known = new Set([...validation.knownPaths, testPath]);
  for (const entry of references.imports) {
    const problem = importProblem(entry.specifier, testPath, known, validation.resolve, allowed);
    if (problem !== undefined) reasons.push(`line ${entry.line}: ${problem}`);
  }

  // 3. Framework use, test cases, coverage.
  const declared = declaredNames(testPath, code);
  const imported = new Set(references.imports.flatMap((entry) => entry.bindings.map((binding) => binding.local)));
  // A function the runner does not have (jest's `expect` under node:test), unless the file imports it from elsewhere (chai's expect).
  const frameworkModules = new Set(["node:test", "test", ...FRAMEWORK_MODULES[conventions.framework]]);
  const importedElsewhere = new Set(references.imports.filter((entry) => !frameworkModules.has(entry.specifier)).flatMap((entry) => entry.bindings.map((binding) => binding.local)));
  const notProvided = NOT_PROVIDED[conventions.framework];
  const foreign = Object.keys(notProvided).filter((name) => !declared.has(name) && !importedElsewhere.has(name) && isCalled(testPath, code, name));
  for (const name of foreign) reasons.push(`it calls \`${name}\`, which ${conventions.framework} does not have; ${notProvided[name] ?? ""}`);
  if (!conventions.globals) {
    const missing = [...FRAMEWORK_FUNCTIONS].filter((name) => !foreign.includes(name) && references.mentions.has(name) && !imported.has(name) && !declared.has(name) && isCalled(testPath, code, name));
    if (missing.length > 0) {
      const from = conventions.framework === "node:test" ? '"node:test"' : JSON.stringify(FRAMEWORK_MODULES[conventions.framework][0] ?? conventions.framework);
      reasons.push(`it calls ${missing.map((name) => `\`${name}\``).join(", ")} without importing ${missing.length === 1 ? "it" : "them"}; this repository imports them from ${from}`);
    }
  }
  if (![...TEST_CALLS].some((name) => isCalled(testPath, code, name)) && !(conventions.framework === "ava" && [...imported].some((name) => isCalled(testPath, code, name)))) {
    reasons.push("it defines no test case");
  }
  const covered = params.mention.filter((name) => references.mentions.has(name));
  if (params.mention.length > 0 && covered.length === 0) reasons.push(`it never uses ${params.mention.join(", ")}, the code it should test`);

  // 4. Parse, types, lint.
  const earlier = reasons.length;
  const fresh = freshDiagnostics(validation, testPath, code, params.existingText);
  reasons.push(...fresh.map((d) => `${d.path}:${d.line}:${d.column} ${d.source === "typescript" ? d.code : `eslint(${d.code})`}: ${d.message}`));
  const errorLines = earlier === 0 && fresh.length > 0 ? { errorLines: [...new Set(fresh.map((d) => d.line))] } : {};
  return { ok: reasons.length === 0, reasons, covered, ...errorLines };
}

function importProblem(specifier: string, from: string, known: ReadonlySet<string>, resolve: ModuleResolver, allowed: ReadonlySet<string>): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("/")) {
    if (specifier.startsWith("/")) return `it imports "${specifier}", an absolute path; import repository files with a relative path`;
    return resolve(from, specifier) !== undefined || resolveAmong(from, specifier, known) ? undefined : `it imports "${specifier}", which is not a file of the repository`;
  }
  if (isBuiltin(specifier)) return undefined;
  const name = packageName(specifier);
  if (allowed.has(name)) return undefined;
  if (resolve(from, specifier) !== undefined) return undefined;
  return `it imports "${specifier}", which is neither a file of the repository nor a dependency in package.json`;
}

/** A relative import of another file generated in the same run (not yet in the resolver's paths). */
function resolveAmong(from: string, specifier: string, known: ReadonlySet<string>): boolean {
  const dir = from.split("/").slice(0, -1);
  for (const part of specifier.split("/")) {
    if (part === "..") dir.pop();
    else if (part !== ".") dir.push(part);
  }
  return known.has(dir.join("/"));
}

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

/** Names declared at the top level of the file (a local `describe` shadows the framework's). */
function declaredNames(path: string, code: string): Set<string> {
  const names = new Set<string>();
  for (const statement of parseSource(path, code).statements) {
    if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && statement.name !== undefined) names.add(statement.name.text);
    if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) if (ts.isIdentifier(declaration.name)) names.add(declaration.name.text);
    }
  }
  return names;
}

/** Whether `name(...)`, `name.only(...)` or `name.each(...)(...)` is called anywhere. */
function isCalled(path: string, code: string, name: string): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isCallExpression(node)) {
      let callee: ts.Expression = node.expression;
      while (ts.isPropertyAccessExpression(callee) || ts.isCallExpression(callee)) callee = callee.expression;
      if (ts.isIdentifier(callee) && callee.text === name) {
        found = true;
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(parseSource(path, code));
  return found;
}

function freshDiagnostics(validation: TestValidation, path: string, code: string, existing: string | undefined): Diagnostic[] {
  const { workspace, conventions } = validation;
  const previous = workspace.getText(path);
  try {
    const before = existing === undefined ? [] : diagnose(workspace, path, existing, conventions);
    const after = diagnose(workspace, path, code, conventions);
    return existing === undefined ? after : newDiagnostics({ before, beforeLines: splitLines(existing).lines, after, afterLines: splitLines(code).lines });
  } finally {
    workspace.setText(path, previous ?? "");
  }
}

function diagnose(workspace: Workspace, path: string, text: string, conventions: TestConventions): Diagnostic[] {
  workspace.setText(path, text);
  // A file the bot writes whole follows the conventions too: warnings (prefer-const, unused values) reject it as errors do.
  return workspace
    .diagnose(path)
    .filter((d) => d.severity === "error" || d.severity === "warning")
    .filter((d) => !(conventions.globals && d.source === "eslint" && d.code === "no-undef" && [...FRAMEWORK_FUNCTIONS].some((name) => d.message.startsWith(`'${name}'`))));
}
