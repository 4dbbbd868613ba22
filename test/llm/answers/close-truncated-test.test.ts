import { describe, expect, it } from "vitest";
import { closeTruncatedTest } from "../../../src/llm/answers/close-truncated-test.js";

describe("closeTruncatedTest", () => {
  it("ends after the last finished case of a top-level file", () => {
    const cut = 'import assert from "node:assert/strict";\nimport { test } from "node:test";\n\ntest("one", () => {\n  assert.equal(1, 1);\n});\n\ntest("two", () => {\n  assert.equal(';
    expect(closeTruncatedTest("a.test.ts", cut)).toBe('import assert from "node:assert/strict";\nimport { test } from "node:test";\n\ntest("one", () => {\n  assert.equal(1, 1);\n});\n');
  });

  it("closes nested groups (a repetition loop inside describe blocks)", () => {
    const cut = 'describe("a", () => {\n  describe("b", () => {\n    it("x", () => {\n      expect(1).toBe(1);\n    });\n    it("x", () => {\n      expect(1).toBe(1);\n    });\n    it("x", () => {\n';
    expect(closeTruncatedTest("a.test.js", cut)).toBe('describe("a", () => {\n  describe("b", () => {\n    it("x", () => {\n      expect(1).toBe(1);\n    });\n    it("x", () => {\n      expect(1).toBe(1);\n    });\n});\n});\n');
  });

  it("gives nothing back when no case was finished", () => {
    expect(closeTruncatedTest("a.test.ts", 'import { x } from "./x.js";\n\ntest("one", () => {\n  expect(x).toBe(')).toBeUndefined();
    expect(closeTruncatedTest("a.test.ts", "")).toBeUndefined();
  });
});
