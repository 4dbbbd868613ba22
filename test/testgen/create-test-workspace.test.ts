import ts from "typescript";
import { describe, expect, it } from "vitest";
import { createTestWorkspace } from "../../src/testgen/create-test-workspace.js";

const files = new Map([
  ["src/duration.ts", "export const unitMs = (unit: string): number => (unit === \"s\" ? 1000 : 1);\n"],
  ["test/duration.test.ts", 'import { test } from "node:test";\nimport assert from "node:assert/strict";\nimport { unitMs } from "../src/duration.ts";\ntest("s", () => { assert.strictEqual(unitMs("s"), 1000); });\n'],
]);
const compilerOptions: ts.CompilerOptions = { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, strict: true };
const codes = (importExtension: "ts" | "js") => {
  const workspace = createTestWorkspace({ files, knownPaths: new Set(files.keys()), compilerOptions, conventions: { framework: "node:test", globals: false, importExtension } });
  try {
    return workspace.diagnose("test/duration.test.ts", "typescript").map((d) => d.code);
  } finally {
    workspace.dispose();
  }
};

describe("createTestWorkspace", () => {
  it("accepts `.ts` imports where the repository's tests import `.ts` files (Node's type stripping, tsx), and only there", () => {
    expect(codes("ts")).not.toContain("TS5097");
    expect(codes("js")).toContain("TS5097");
  });
});
