import { describe, expect, it } from "vitest";
import { createModuleResolver } from "../../src/analyze/create-module-resolver.js";
import { importSpecifier } from "../../src/testgen/import-specifier.js";
import { learnTestConventions } from "../../src/testgen/learn-test-conventions.js";
import { planTestPath } from "../../src/testgen/plan-test-path.js";
import { isTestPath } from "../../src/analyze/is-test-path.js";
import { readCompilerOptions } from "../../src/workspace/read-compiler-options.js";
import { fixtureSnapshots, type FixtureName } from "./load-fixture-change.js";

function learn(files: Record<string, string>) {
  const map = new Map(Object.entries(files));
  const knownPaths = new Set(map.keys());
  const { options } = readCompilerOptions({ configPath: "tsconfig.json", readFile: (p) => map.get(p), fileExists: (p) => map.has(p) });
  const resolve = createModuleResolver({ knownPaths, compilerOptions: options, readFile: (p) => map.get(p) });
  const tests = [...map].filter(([p]) => isTestPath(p)).map(([path, text]) => ({ path, text }));
  const conventions = learnTestConventions({ packageJson: map.get("package.json"), tests, knownPaths, resolve, compilerOptions: options });
  const plan = (sourcePath: string, importers: string[] = []) => {
    const testPath = planTestPath({ sourcePath, conventions, knownPaths, importers });
    return [testPath, importSpecifier({ fromPath: testPath, targetPath: sourcePath, conventions })];
  };
  return { conventions, plan };
}

const fixture = (name: FixtureName) => learn(fixtureSnapshots(name).head);

describe("learnTestConventions", () => {
  it("vitest fixture: imports from vitest, a test/ tree mirroring src/, *.spec.ts, ESM with .js imports", () => {
    const { conventions, plan } = fixture("vitest-repo");
    expect(conventions).toMatchObject({
      framework: "vitest",
      assertions: "expect",
      globals: false,
      layout: { kind: "test-dir", root: "test", strip: "src/" },
      suffix: ".spec",
      typescriptTests: true,
      moduleKind: "esm",
      importExtension: "js",
    });
    expect(conventions.evidence[0]).toBe("3 existing test files import vitest");
    expect(plan("src/stack.ts")).toEqual(["test/stack.spec.ts", "../src/stack.js"]);
    expect(plan("src/math.ts", ["test/math.spec.ts"])).toEqual(["test/math.spec.ts", "../src/math.js"]);
  });

  it("jest fixture: the test script names jest, globals, __tests__ folders with plain names, extensionless imports", () => {
    const { conventions, plan } = fixture("jest-repo");
    expect(conventions).toMatchObject({ framework: "jest", globals: true, layout: { kind: "__tests__" }, suffix: "", importExtension: "none" });
    expect(conventions.evidence[0]).toBe("the package.json test script runs jest (`jest`)");
    expect(plan("src/pricing.ts", ["src/__tests__/pricing.ts"])).toEqual(["src/__tests__/pricing.ts", "../pricing"]);
    expect(plan("src/legacy.js")).toEqual(["src/__tests__/legacy.js", "../legacy.js"]);
  });

  it("node:test fixture: JavaScript tests beside the module, node:assert", () => {
    const { conventions, plan } = fixture("node-test-repo");
    expect(conventions).toMatchObject({ framework: "node:test", assertions: "node:assert", globals: false, layout: { kind: "beside" }, suffix: ".test", typescriptTests: false, moduleKind: "esm" });
    expect(plan("src/queue.js")).toEqual(["src/queue.test.js", "./queue.js"]);
    expect(plan("src/slug.js", ["src/slug.test.js"])).toEqual(["src/slug.test.js", "./slug.js"]);
  });

  it("names the file in imports of an ES module package under nodenext resolution, even where the existing tests do not (TS2835)", () => {
    const files = {
      "package.json": '{ "type": "module", "scripts": { "test": "jest" } }',
      "tsconfig.json": '{ "compilerOptions": { "module": "NodeNext", "moduleResolution": "NodeNext", "strict": true } }',
      "src/range.ts": "export const inRange = (v: number): boolean => v > 0;\n",
      "src/__tests__/range.test.ts": 'import { inRange } from "../range";\ntest("x", () => { expect(inRange(1)).toBe(true); });\n',
    };
    expect(learn(files).conventions.importExtension).toBe("js");
    expect(learn({ ...files, "package.json": '{ "scripts": { "test": "jest" } }' }).conventions.importExtension).toBe("none");
  });

  it("uses a tsconfig alias when most tests import through it", () => {
    const { conventions, plan } = learn({
      "tsconfig.json": '{ "compilerOptions": { "baseUrl": ".", "paths": { "~/*": ["lib/*"] }, "moduleResolution": "bundler", "module": "ESNext" } }',
      "package.json": '{ "devDependencies": { "vitest": "1" } }',
      "lib/a.ts": "export const a = () => 1;\n",
      "lib/b.ts": "export const b = () => 2;\n",
      "lib/c.ts": "export const c = () => 3;\n",
      "tests/a.test.ts": 'import { a } from "~/a";\ntest("a", () => expect(a()).toBe(1));\n',
      "tests/b.test.ts": 'import { b } from "~/b";\ntest("b", () => expect(b()).toBe(2));\n',
    });
    expect(conventions).toMatchObject({ framework: "vitest", globals: true, alias: { prefix: "~/", target: "lib/" }, layout: { kind: "test-dir", root: "tests", strip: "lib/" } });
    expect(plan("lib/c.ts")).toEqual(["tests/c.test.ts", "~/c"]);
  });

  it("falls back to node:test with no framework anywhere, and to a guessed layout without tests", () => {
    const { conventions, plan } = learn({ "package.json": '{ "name": "x" }', "src/x.ts": "export const x = () => 1;\n", "test/.gitkeep": "" });
    expect(conventions).toMatchObject({ framework: "node:test", layout: { kind: "test-dir", root: "test", strip: "src/" }, suffix: ".test" });
    expect(conventions.evidence[0]).toMatch(/no test framework found/);
    expect(plan("src/x.ts")).toEqual(["test/x.test.ts", "../src/x.js"]);
  });
});
