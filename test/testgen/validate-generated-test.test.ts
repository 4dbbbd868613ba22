import { describe, expect, it } from "vitest";
import { createModuleResolver } from "../../src/analyze/create-module-resolver.js";
import { createTestWorkspace } from "../../src/testgen/create-test-workspace.js";
import type { TestConventions } from "../../src/testgen/test-conventions.js";
import { validateGeneratedTest } from "../../src/testgen/validate-generated-test.js";
import { readCompilerOptions } from "../../src/workspace/read-compiler-options.js";

const conventions = (overrides: Partial<TestConventions>): TestConventions => ({
  framework: "vitest",
  assertions: "expect",
  globals: false,
  layout: { kind: "beside" },
  suffix: ".test",
  typescriptTests: true,
  moduleKind: "esm",
  importExtension: "js",
  dependencies: new Set(["vitest"]),
  testPaths: [],
  evidence: [],
  ...overrides,
});

function setup(files: Record<string, string>, testConventions: TestConventions) {
  const map = new Map(Object.entries(files));
  const knownPaths = new Set(map.keys());
  const { options } = readCompilerOptions({ configPath: "tsconfig.json", readFile: (p) => map.get(p), fileExists: (p) => map.has(p) });
  const workspace = createTestWorkspace({ files: map, knownPaths, compilerOptions: options, conventions: testConventions });
  const validation = { workspace, conventions: testConventions, knownPaths, resolve: createModuleResolver({ knownPaths, compilerOptions: options }) };
  return (code: string, testPath: string, extra: { existingText?: string; mention?: string[] } = {}) =>
    validateGeneratedTest({ validation, testPath, proposedPath: testPath, code, mention: extra.mention ?? ["add"], original: files["src/math.ts"] ?? files["src/math.js"] ?? "", ...(extra.existingText === undefined ? {} : { existingText: extra.existingText }) });
}

const TS_FILES = {
  "package.json": '{ "type": "module", "devDependencies": { "vitest": "^4.0.0" } }',
  "src/math.ts": "export function add(a: number, b: number): number {\n  return a + b;\n}\n",
};

describe("validateGeneratedTest", () => {
  const vitest = setup(TS_FILES, conventions({}));

  it("accepts a test that type-checks against the module and the shipped vitest declarations", () => {
    const code = 'import { describe, expect, it } from "vitest";\nimport { add } from "./math.js";\n\ndescribe("add", () => {\n  it("adds", () => {\n    expect(add(1, 2)).toBe(3);\n  });\n});\n';
    expect(vitest(code, "src/math.test.ts")).toEqual({ ok: true, reasons: [], covered: ["add"] });
  });

  it("rejects calls to functions and matchers that do not exist", () => {
    const code = 'import { expect, it } from "vitest";\nimport { add, addAll } from "./math.js";\n\nit("adds", () => {\n  expect(addAll([1, 2])).toBe(3);\n  expect(add(1, 2)).toBeThree();\n});\n';
    const verdict = vitest(code, "src/math.test.ts");
    expect(verdict.ok).toBe(false);
    expect(verdict.reasons).toEqual([
      expect.stringMatching(/src\/math\.test\.ts:2:15 TS2305: Module '"\.\/math\.js"' has no exported member 'addAll'/),
      expect.stringMatching(/src\/math\.test\.ts:6:21 TS2339: Property 'toBeThree' does not exist on type 'Assertion<number>'/),
    ]);
  });

  it("rejects a syntax error and an ESLint error", () => {
    const verdict = vitest('import { expect, it } from "vitest";\nimport { add } from "./math.js";\n\nit("adds", () => {\n  let sum = add(1, 2);\n  expect(sum).toBe(3);\n});\n', "src/math.test.ts");
    expect(verdict.reasons).toEqual([expect.stringMatching(/eslint\(prefer-const\): 'sum' is never reassigned/)]);
    expect(vitest('import { it } from "vitest";\nimport { add } from "./math.js";\nit("adds", () => { add(1, 2) ;\n', "src/math.test.ts").reasons).toContainEqual(expect.stringMatching(/TS1005: '\}' expected/));
  });

  it("rejects imports of missing files and of packages the repository does not depend on; node built-ins are fine", () => {
    const code = 'import { expect, it } from "vitest";\nimport { readFileSync } from "node:fs";\nimport { chunk } from "lodash";\nimport { add } from "./maths.js";\n\nit("adds", () => {\n  expect(add(1, 2)).toBe(3);\n  expect(chunk).toBeDefined();\n  expect(readFileSync).toBeDefined();\n});\n';
    const { reasons } = vitest(code, "src/math.test.ts");
    expect(reasons).toContain('line 3: it imports "lodash", which is neither a file of the repository nor a dependency in package.json');
    expect(reasons).toContain('line 4: it imports "./maths.js", which is not a file of the repository');
    expect(reasons.join("\n")).not.toContain("node:fs");
  });

  it("rejects the framework's functions used without importing them when the repository imports them, and a file with no test", () => {
    expect(vitest('import { add } from "./math.js";\n\ndescribe("add", () => {\n  it("adds", () => {\n    add(1, 2);\n  });\n});\n', "src/math.test.ts").reasons).toContain(
      'it calls `describe`, `it` without importing them; this repository imports them from "vitest"',
    );
    expect(vitest('import { add } from "./math.js";\n\nexport const three = add(1, 2);\n', "src/math.test.ts").reasons).toEqual(["it defines no test case"]);
  });

  it("rejects a test that never uses what it should cover, a different path, and network or subprocess code", () => {
    const base = 'import { expect, it } from "vitest";\nimport { add } from "./math.js";\n\nit("adds", async () => {\n  expect(add(1, 2)).toBe(3);\n  BODY\n});\n';
    expect(vitest(base.replace("BODY", ""), "src/math.test.ts", { mention: ["sub"] }).reasons).toEqual(["it never uses sub, the code it should test"]);
    const risky = vitest(base.replace("BODY", 'await fetch("https://example.invalid/x");'), "src/math.test.ts");
    expect(risky.reasons).toEqual(["it adds a network call; a unit test of this module must not need that"]);
    const moved = validateGeneratedTest({
      validation: { ...setupValidation() },
      testPath: "src/math.test.ts",
      proposedPath: "test/other.test.ts",
      code: base.replace("BODY", ""),
      mention: ["add"],
      original: "",
    });
    expect(moved.reasons).toContain("the test file must be src/math.test.ts, not test/other.test.ts");
  });

  it("for an existing test file, rejects only the errors the new version adds", () => {
    const existing = 'import { expect, it } from "vitest";\nimport { add } from "./math.js";\n\nit("adds", () => {\n  expect(add(1, 2)).toBe(3);\n  expect(add("1", 2)).toBe(3);\n});\n';
    const extended = existing.replace("});\n", '});\n\nit("adds zero", () => {\n  expect(add(0, 5)).toBe(5);\n});\n');
    expect(vitest(extended, "src/math.test.ts", { existingText: existing }).ok).toBe(true);
    expect(vitest(existing, "src/math.test.ts", { existingText: existing }).reasons).toEqual(["it adds nothing to the existing test file"]);
  });

  it("rejects a version of an existing test file that leaves out one of its cases", () => {
    const existing = 'import { expect, it } from "vitest";\nimport { add } from "./math.js";\n\nit("adds", () => {\n  expect(add(1, 2)).toBe(3);\n});\n';
    const rewritten = 'import { expect, it } from "vitest";\nimport { add } from "./math.js";\n\nit("adds zero", () => {\n  expect(add(0, 5)).toBe(5);\n});\n';
    expect(vitest(rewritten, "src/math.test.ts", { existingText: existing }).reasons).toEqual(["it leaves out or changes test cases the file already has; keep them as they are and add new cases"]);
  });

  it("type-checks a JavaScript node:test file against the JavaScript module", () => {
    const files = { "package.json": '{ "type": "module" }', "src/math.js": "/** @param {number} a @param {number} b */\nexport function add(a, b) {\n  return a + b;\n}\n" };
    const nodeTest = setup(files, conventions({ framework: "node:test", assertions: "node:assert", typescriptTests: false, dependencies: new Set() }));
    const good = 'import assert from "node:assert/strict";\nimport { test } from "node:test";\nimport { add } from "./math.js";\n\ntest("adds", () => {\n  assert.equal(add(1, 2), 3);\n});\n';
    expect(nodeTest(good, "src/math.test.js")).toEqual({ ok: true, reasons: [], covered: ["add"] });
    const bad = good.replace("assert.equal(add(1, 2), 3);", "assert.equal(add.twice(1), 2);");
    expect(nodeTest(bad, "src/math.test.js").reasons).toEqual([expect.stringMatching(/TS2339: Property 'twice' does not exist/)]);
  });

  it("rejects a node:test file that uses jest's expect, with a reason that names expect and says how node:test asserts", () => {
    const nodeTest = setup({ ...TS_FILES, "package.json": '{ "type": "module" }' }, conventions({ framework: "node:test", assertions: "node:assert", dependencies: new Set() }));
    const code = 'import { describe, it } from "node:test";\nimport { add } from "./math.js";\n\ndescribe("add", () => {\n  it("adds", () => {\n    expect(add(1, 2)).toBe(3);\n  });\n});\n';
    const verdict = nodeTest(code, "src/math.test.ts");
    expect(verdict.ok).toBe(false);
    expect(verdict.reasons[0]).toBe(
      'it calls `expect`, which node:test does not have; assert with node:assert instead: import assert from "node:assert/strict"; assert.strictEqual(actual, expected), assert.deepStrictEqual, assert.throws',
    );
  });

  it("accepts jest's globals where the repository uses them (TypeScript and ESLint both know them)", () => {
    const jest = setup({ ...TS_FILES, "package.json": '{ "devDependencies": { "jest": "^29.0.0" } }' }, conventions({ framework: "jest", globals: true, importExtension: "none", moduleKind: "cjs", dependencies: new Set(["jest"]) }));
    const code = 'import { add } from "../math";\n\ndescribe("add", () => {\n  it("adds", () => {\n    const spy = jest.fn(add);\n    expect(spy(1, 2)).toBe(3);\n    expect(spy).toHaveBeenCalledWith(1, 2);\n  });\n});\n';
    expect(jest(code, "src/__tests__/math.ts")).toMatchObject({ ok: true });
    const js = jest(code.replace('import { add } from "../math";', 'const { add } = require("../math");'), "src/__tests__/math.js");
    expect(js.reasons).toEqual([]);
  });
});

function setupValidation() {
  const map = new Map(Object.entries(TS_FILES));
  const knownPaths = new Set(map.keys());
  const { options } = readCompilerOptions({ configPath: "tsconfig.json", readFile: (p) => map.get(p), fileExists: (p) => map.has(p) });
  const testConventions = conventions({});
  const workspace = createTestWorkspace({ files: map, knownPaths, compilerOptions: options, conventions: testConventions });
  return { workspace, conventions: testConventions, knownPaths, resolve: createModuleResolver({ knownPaths, compilerOptions: options }) };
}
