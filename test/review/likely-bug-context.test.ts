import { describe, expect, it } from "vitest";
import { contextFilesFor, recentText } from "../../src/review/likely-bug-context.js";

const lines = (n: number): string => Array.from({ length: n }, (_, i) => `line ${i + 1}\n`).join("");

describe("recentText", () => {
  it("keeps a short text whole", () => {
    expect(recentText(lines(40))).toBe(lines(40));
  });

  it("keeps 40 to 59 lines of a long text, starting on a grid of 20 lines so that neighbouring lines share the start", () => {
    expect(recentText(lines(60)).startsWith("line 21\n")).toBe(true);
    expect(recentText(lines(79)).startsWith("line 21\n")).toBe(true);
    expect(recentText(lines(80)).startsWith("line 41\n")).toBe(true);
    expect(recentText(lines(1000)).split("\n").length - 1).toBeGreaterThanOrEqual(40);
    expect(recentText(lines(1000)).endsWith("line 1000\n")).toBe(true);
  });
});

describe("contextFilesFor", () => {
  it("shows the relatively imported modules in import order, cut at a line end within 2,000 characters in all", () => {
    const files: Record<string, string> = { "src/a.ts": "export type A = 1;\n", "src/big.ts": "export const x = 1;\n".repeat(300), "src/c.ts": "export type C = 3;\n" };
    const text = 'import type { A } from "./a.js";\nimport { x } from "./big.js";\nimport type { C } from "./c.js";\nimport ts from "typescript";\n';
    const shown = contextFilesFor("src/main.ts", text, (path) => files[path], new Set(Object.keys(files)));
    expect(shown.map((f) => f.path)).toEqual(["src/a.ts", "src/big.ts"]);
    expect(shown.reduce((n, f) => n + f.text.length, 0)).toBeLessThanOrEqual(2000);
    expect(shown[1]?.text.endsWith("export const x = 1;\n")).toBe(true);
  });
});
