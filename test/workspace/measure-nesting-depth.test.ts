import { describe, expect, it } from "vitest";
import { measureNestingDepth } from "../../src/workspace/measure-nesting-depth.js";

describe("measureNestingDepth", () => {
  it("counts brackets, braces, parentheses and template substitutions, not brackets in strings or comments", () => {
    expect(measureNestingDepth("export const a = 1;\n")).toBe(0);
    expect(measureNestingDepth("f([{ a: (1) }]);")).toBe(4);
    expect(measureNestingDepth("const s = '(((('; // [[[[\n/* {{{{ */")).toBe(0);
    expect(measureNestingDepth("const t = `x${ { a: [1] } }y${(2)}z`;")).toBe(3);
  });

  it("measures 20,000 nested brackets without overflowing the stack", () => {
    expect(measureNestingDepth(`export const x = ${"[".repeat(20_000)}${"]".repeat(20_000)};\n`)).toBe(20_000);
    expect(measureNestingDepth(`export const y = ${"(".repeat(20_000)}1${")".repeat(20_000)};\n`)).toBe(20_000);
  });
});
