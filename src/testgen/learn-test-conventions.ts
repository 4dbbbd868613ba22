import path from "node:path/posix";
import ts from "typescript";
import type { ModuleResolver } from "../analyze/create-module-resolver.js";
import { isTestPath } from "../analyze/is-test-path.js";
import { readModuleReferences } from "../analyze/read-module-references.js";
import type { AssertionStyle, TestConventions, TestFramework, TestLayout } from "./test-conventions.js";
import { readPackageJson } from "./read-package-json.js";
import { stemOf, suffixOf } from "./test-file-name.js";

export interface TestFileText {
  readonly path: string;
  readonly text: string;
}

const FRAMEWORK_MODULES: Readonly<Record<string, TestFramework>> = {
  vitest: "vitest",
  "@jest/globals": "jest",
  "node:test": "node:test",
  ava: "ava",
  mocha: "mocha",
};
const JEST_PACKAGES = ["jest", "ts-jest", "babel-jest", "@jest/globals"];
const GLOBAL_NAMES = ["describe", "it", "test", "expect"];
const SCRIPT_EXTENSION = /\.(?:[cm]?[jt]sx?)$/;
const TS_EXTENSION = /\.(?:[cm]?tsx?)$/;

/**
 * Learn how a repository writes its tests, from package.json and the test
 * files themselves (read as data, never run):
 *  1. the framework: what the tests import, else the `test` script, else the
 *     dependencies, else node:test (it needs no dependency);
 *  2. globals or imports, and the assertion style;
 *  3. where tests live (beside the module, `__tests__/`, or a mirrored `test/` tree)
 *     and how they are named, by pairing each test with the module it tests;
 *  4. ESM or CommonJS, how relative imports end, and a tsconfig alias if tests use one.
 */
export function learnTestConventions(params: {
  readonly packageJson: string | undefined;
  readonly tests: readonly TestFileText[];
  readonly knownPaths: ReadonlySet<string>;
  readonly resolve: ModuleResolver;
  readonly compilerOptions: ts.CompilerOptions;
}): TestConventions {
  const evidence: string[] = [];
  const pkg = readPackageJson(params.packageJson);
  const tests = params.tests.map((test) => ({ ...test, references: readModuleReferences(test.path, test.text) }));

  // 1. The framework.
  const frameworkVotes = new Map<TestFramework, number>();
  let chaiImports = 0;
  let vitestImports = 0;
  let jestGlobalsImports = 0;
  let bareGlobalUses = 0;
  for (const test of tests) {
    const specifiers = new Set(test.references.imports.map((entry) => entry.specifier));
    const frameworks = new Set([...specifiers].map((s) => FRAMEWORK_MODULES[s]).filter((f) => f !== undefined));
    for (const framework of frameworks) frameworkVotes.set(framework, (frameworkVotes.get(framework) ?? 0) + 1);
    if (specifiers.has("chai")) chaiImports++;
    if (specifiers.has("vitest")) vitestImports++;
    if (specifiers.has("@jest/globals")) jestGlobalsImports++;
    if (frameworks.size === 0 && GLOBAL_NAMES.some((name) => test.references.mentions.has(name))) bareGlobalUses++;
  }
  const byImports = [...frameworkVotes].sort((a, b) => b[1] - a[1])[0];
  const script = pkg.scripts.test ?? "";
  const fromScript = frameworkInScript(script);
  let framework: TestFramework;
  if (byImports !== undefined) {
    framework = byImports[0];
    evidence.push(`${byImports[1]} existing test ${byImports[1] === 1 ? "file imports" : "files import"} ${framework}`);
  } else if (fromScript !== undefined) {
    framework = fromScript;
    evidence.push(`the package.json test script runs ${framework} (\`${script.slice(0, 80)}\`)`);
  } else {
    const fromDependencies = frameworkInDependencies(pkg.dependencies);
    framework = fromDependencies ?? "node:test";
    evidence.push(fromDependencies === undefined ? "no test framework found in package.json or the tests; node:test needs no dependency" : `package.json depends on ${fromDependencies}`);
  }

  // 2. Globals and assertions.
  let globals: boolean;
  if (framework === "jest") globals = jestGlobalsImports * 2 < Math.max(1, tests.length);
  else if (framework === "mocha") globals = true;
  else if (framework === "vitest") globals = bareGlobalUses > vitestImports;
  else globals = false;
  if (globals) evidence.push(`tests use ${framework}'s globals without importing them`);
  const assertions = assertionStyle(framework, chaiImports > 0 || pkg.dependencies.has("chai"));
  if (framework === "mocha") evidence.push(`assertions with ${assertions}`);

  // 3. Layout and names.
  const layoutVotes = new Map<string, { layout: TestLayout; count: number }>();
  const suffixVotes = new Map<TestConventions["suffix"], number>();
  const extensionVotes = { js: 0, ts: 0, none: 0 };
  let aliasUse: { prefix: string; target: string; count: number } | undefined;
  let relativeSourceImports = 0;
  let requireUses = 0;
  let importUses = 0;
  for (const test of tests) {
    const suffix = suffixOf(test.path);
    suffixVotes.set(suffix, (suffixVotes.get(suffix) ?? 0) + 1);
    const stem = stemOf(test.path);
    const subjects: string[] = [];
    for (const entry of test.references.imports) {
      if (entry.kind === "require") requireUses++;
      else if (entry.kind === "import") importUses++;
      const target = params.resolve(test.path, entry.specifier);
      if (target === undefined || isTestPath(target) || !SCRIPT_EXTENSION.test(target) || target.endsWith(".d.ts")) continue;
      subjects.push(target);
      if (entry.specifier.startsWith(".")) {
        relativeSourceImports++;
        extensionVotes[extensionStyle(entry.specifier)]++;
      } else {
        const alias = aliasOf(entry.specifier, target);
        if (alias !== undefined) aliasUse = aliasUse?.prefix === alias.prefix ? { ...aliasUse, count: aliasUse.count + 1 } : (aliasUse ?? { ...alias, count: 1 });
      }
    }
    const subject = subjects.find((s) => stemOf(s) === stem) ?? (subjects.length === 1 ? subjects[0] : undefined);
    if (subject === undefined) continue;
    const layout = layoutOf(test.path, subject);
    const key = JSON.stringify(layout);
    layoutVotes.set(key, { layout, count: (layoutVotes.get(key)?.count ?? 0) + 1 });
  }
  const votedLayout = [...layoutVotes.values()].sort((a, b) => b.count - a.count)[0];
  const layout = votedLayout?.layout ?? defaultLayout(params.knownPaths);
  evidence.push(`tests live ${describeLayout(layout)}${votedLayout === undefined ? " (no existing test showed where; a guess from the folders)" : ""}`);
  const suffix = [...suffixVotes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ".test";
  const typescriptTests = tests.length === 0 || tests.some((test) => TS_EXTENSION.test(test.path));

  // 4. Modules and imports.
  const esmPackage = pkg.type === "module";
  const moduleKind = esmPackage || importUses >= requireUses ? "esm" : "cjs";
  const nodeResolution =
    params.compilerOptions.moduleResolution === ts.ModuleResolutionKind.Node16 || params.compilerOptions.moduleResolution === ts.ModuleResolutionKind.NodeNext;
  const votedExtension = (["js", "ts", "none"] as const).filter((style) => extensionVotes[style] > 0).sort((a, b) => extensionVotes[b] - extensionVotes[a])[0];
  // An ES module under node16/nodenext resolution must name the file (TS2835), whatever the existing tests do: their own tsc would reject them.
  const importExtension = votedExtension === "none" && esmPackage && nodeResolution ? "js" : (votedExtension ?? (esmPackage || nodeResolution ? "js" : "none"));
  const alias = aliasUse !== undefined && aliasUse.count > relativeSourceImports ? { prefix: aliasUse.prefix, target: aliasUse.target } : undefined;
  if (alias !== undefined) evidence.push(`tests import modules through the \`${alias.prefix}\` alias`);

  return {
    framework,
    assertions,
    globals,
    layout,
    suffix,
    typescriptTests,
    moduleKind,
    importExtension,
    ...(alias === undefined ? {} : { alias }),
    dependencies: pkg.dependencies,
    testPaths: tests.map((test) => test.path),
    evidence,
  };
}

function frameworkInScript(script: string): TestFramework | undefined {
  if (/\bvitest\b/.test(script)) return "vitest";
  if (/\bjest\b/.test(script)) return "jest";
  if (/\bmocha\b/.test(script)) return "mocha";
  if (/\bava\b/.test(script)) return "ava";
  if (/\bnode\b[^&|;]*--test\b/.test(script)) return "node:test";
  return undefined;
}

function frameworkInDependencies(dependencies: ReadonlySet<string>): TestFramework | undefined {
  if (dependencies.has("vitest")) return "vitest";
  if (JEST_PACKAGES.some((name) => dependencies.has(name))) return "jest";
  if (dependencies.has("mocha")) return "mocha";
  if (dependencies.has("ava")) return "ava";
  return undefined;
}

function assertionStyle(framework: TestFramework, chai: boolean): AssertionStyle {
  switch (framework) {
    case "vitest":
    case "jest":
      return "expect";
    case "ava":
      return "ava";
    case "node:test":
      return "node:assert";
    case "mocha":
      return chai ? "chai" : "node:assert";
  }
}

function extensionStyle(specifier: string): "js" | "ts" | "none" {
  if (/\.[cm]?jsx?$/.test(specifier)) return "js";
  if (/\.[cm]?tsx?$/.test(specifier)) return "ts";
  return "none";
}

/** "@/cart/cart" resolved to "src/cart/cart.ts" → { prefix: "@/", target: "src/" }. */
function aliasOf(specifier: string, target: string): { prefix: string; target: string } | undefined {
  const spec = specifier.replace(/\.[cm]?[jt]sx?$/, "").split("/");
  const file = target.replace(/\.[cm]?[jt]sx?$/, "").replace(/\/index$/, "").split("/");
  let common = 0;
  while (common < spec.length - 1 && common < file.length && spec[spec.length - 1 - common] === file[file.length - 1 - common]) common++;
  if (common === 0) return undefined;
  const prefix = spec.slice(0, spec.length - common).join("/");
  const rest = file.slice(0, file.length - common).join("/");
  return { prefix: `${prefix}/`, target: rest === "" ? "" : `${rest}/` };
}

function layoutOf(testPath: string, subject: string): TestLayout {
  const testDirs = path.dirname(testPath).split("/").filter((d) => d !== ".");
  const subjectDirs = path.dirname(subject).split("/").filter((d) => d !== ".");
  if (testDirs.join("/") === subjectDirs.join("/")) return { kind: "beside" };
  if (testDirs.join("/") === [...subjectDirs, "__tests__"].join("/")) return { kind: "__tests__" };
  let common = 0;
  while (common < testDirs.length && common < subjectDirs.length && testDirs[testDirs.length - 1 - common] === subjectDirs[subjectDirs.length - 1 - common]) common++;
  const root = testDirs.slice(0, testDirs.length - common).join("/");
  const strip = subjectDirs.slice(0, subjectDirs.length - common).join("/");
  return { kind: "test-dir", root, strip: strip === "" ? "" : `${strip}/` };
}

function defaultLayout(knownPaths: ReadonlySet<string>): TestLayout {
  const top = new Set([...knownPaths].map((p) => p.split("/")[0]));
  const root = ["test", "tests"].find((dir) => [...knownPaths].some((p) => p.startsWith(`${dir}/`)));
  if (root === undefined) return { kind: "beside" };
  return { kind: "test-dir", root, strip: top.has("src") ? "src/" : "" };
}

function describeLayout(layout: TestLayout): string {
  if (layout.kind === "beside") return "beside the module they test";
  if (layout.kind === "__tests__") return "in a __tests__ folder beside the module";
  return `under ${layout.root === "" ? "the repository root" : `${layout.root}/`}${layout.strip === "" ? "" : `, mirroring ${layout.strip}`}`;
}
