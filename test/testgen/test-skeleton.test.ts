import { describe, expect, it } from "vitest";
import { testsPromptCandidates } from "../../src/llm/prompts/tests-prompt.js";
import type { TestConventions } from "../../src/testgen/test-conventions.js";
import { testSkeleton } from "../../src/testgen/test-skeleton.js";

const conventions = (overrides: Partial<TestConventions>): TestConventions => ({
  framework: "vitest",
  assertions: "expect",
  globals: false,
  layout: { kind: "beside" },
  suffix: ".test",
  typescriptTests: true,
  moduleKind: "esm",
  importExtension: "js",
  dependencies: new Set(),
  testPaths: [],
  evidence: [],
  ...overrides,
});

describe("testSkeleton", () => {
  it("writes node:test with node:assert, never expect", () => {
    const skeleton = testSkeleton({ conventions: conventions({ framework: "node:test", assertions: "node:assert" }), importPath: "./cart.js", symbol: "applyDiscount", typescript: true });
    expect(skeleton).toBe(
      [
        'import assert from "node:assert/strict";',
        'import { describe, it } from "node:test";',
        'import { applyDiscount } from "./cart.js";',
        "",
        'describe("applyDiscount", () => {',
        '  it("/* what it checks */", () => {',
        "    assert.deepStrictEqual(applyDiscount(/* arguments */), /* expected */);",
        "  });",
        "});",
        "",
      ].join("\n"),
    );
    expect(skeleton).not.toMatch(/\bexpect\(/);
  });

  it("imports vitest's functions unless they are globals, and uses require for CommonJS JavaScript", () => {
    expect(testSkeleton({ conventions: conventions({}), importPath: "./a.js", symbol: "a", typescript: true })).toContain('import { describe, expect, it } from "vitest";');
    const jest = testSkeleton({ conventions: conventions({ framework: "jest", globals: true, moduleKind: "cjs" }), importPath: "../a", symbol: "a", typescript: false });
    expect(jest.split("\n")[0]).toBe('const { a } = require("../a");');
    expect(testSkeleton({ conventions: conventions({ framework: "mocha", assertions: "chai", globals: true }), importPath: "./a.js", symbol: "a", typescript: true })).toContain("expect(a(/* arguments */)).to.deep.equal(/* expected */);");
  });

  it("is shown in the tests prompt", () => {
    const [prompt] = testsPromptCandidates({ path: "src/a.ts", symbol: "a", sourceText: "export const a = () => 1;", testPath: "src/a.test.ts", skeleton: "SKELETON\n" });
    expect(prompt?.user).toContain("A correct test file here has this shape (one example; write the real cases):\n```ts\nSKELETON\n```");
  });
});
