import { describe, expect, it } from "vitest";
import type { UntestedExport } from "../../src/analyze/find-untested-exports.js";
import { exportsWithErrors } from "../../src/testgen/exports-with-errors.js";
import type { Diagnostic } from "../../src/types.js";

const TEXT = ["export function ok(): number {", "  return 1;", "}", "", "export function broken(): number {", '  const s: string = 1;', "  return 2;", "}", ""].join("\n");
const symbol = (name: string, line: number): UntestedExport => ({ path: "src/a.ts", name, kind: "function", exportName: name, line, methods: [], reason: "" });
const error = (line: number, overrides: Partial<Diagnostic> = {}): Diagnostic => ({ path: "src/a.ts", line, column: 9, endLine: line, endColumn: 12, severity: "error", source: "typescript", code: "TS2322", message: "…", ...overrides });

describe("exportsWithErrors", () => {
  const ok = symbol("ok", 1);
  const broken = symbol("broken", 5);
  const headText = (path: string) => (path === "src/a.ts" ? TEXT : undefined);

  it("finds the exports whose declaration holds a TypeScript error", () => {
    expect([...exportsWithErrors({ untested: [ok, broken], diagnostics: [error(6)], headText })]).toEqual([broken]);
  });

  it("ignores lint findings, warnings, other files and lines outside the declaration", () => {
    const diagnostics = [error(6, { source: "eslint", code: "no-var" }), error(6, { severity: "warning" }), error(6, { path: "src/b.ts" }), error(4)];
    expect(exportsWithErrors({ untested: [ok, broken], diagnostics, headText }).size).toBe(0);
  });
});
