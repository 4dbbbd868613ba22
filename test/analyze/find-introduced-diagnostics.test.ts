import { describe, expect, it } from "vitest";
import { findIntroducedDiagnostics } from "../../src/analyze/find-introduced-diagnostics.js";
import type { Diagnostic } from "../../src/types.js";

function diag(line: number, code = "prefer-const", message = "m"): Diagnostic {
  return { path: "a.ts", line, column: 1, endLine: line, endColumn: 2, source: "eslint", code, message, severity: "error" };
}

describe("findIntroducedDiagnostics", () => {
  it("keeps only new problems on added lines, matching old ones even when lines moved", () => {
    const baseText = "let a = 1;\nuse(a);\n";
    const headText = "// header\nlet a = 1;\nuse(a);\nlet b = 2;\nuse(b);\n";
    const result = findIntroducedDiagnostics({
      baseText,
      baseDiagnostics: [diag(1)],
      headText,
      // the old problem moved to line 2; the new one is on line 4
      headDiagnostics: [diag(2), diag(4)],
      addedLines: new Set([1, 4, 5]),
    });
    expect(result.map((d) => d.line)).toEqual([4]);
  });

  it("ignores a new problem on a line the change did not touch", () => {
    const result = findIntroducedDiagnostics({
      baseText: "a\nb\n",
      baseDiagnostics: [],
      headText: "a\nb\nc\n",
      headDiagnostics: [diag(1, "TS2304")],
      addedLines: new Set([3]),
    });
    expect(result).toEqual([]);
  });

  it("treats every problem of a new file as introduced", () => {
    const result = findIntroducedDiagnostics({
      baseText: undefined,
      baseDiagnostics: [],
      headText: "let a = 1;\nlet b = 1;\n",
      headDiagnostics: [diag(1), diag(2)],
      addedLines: new Set([1, 2]),
    });
    expect(result).toHaveLength(2);
  });

  it("counts duplicates: a second copy of an existing problem is new", () => {
    const result = findIntroducedDiagnostics({
      baseText: "let a = 1;\n",
      baseDiagnostics: [diag(1)],
      headText: "let a = 1;\nlet a = 1;\n",
      headDiagnostics: [diag(1), diag(2)],
      addedLines: new Set([2]),
    });
    expect(result.map((d) => d.line)).toEqual([2]);
  });
});

describe("findIntroducedDiagnostics on lines the change did not touch", () => {
  const ts = (line: number, message: string): Diagnostic => ({ path: "a.ts", line, column: 1, endLine: line, endColumn: 2, source: "typescript", code: "TS2304", message, severity: "error" });

  it("keeps a new TypeScript error on an unchanged line when both versions were type-checked (a removed import still used)", () => {
    const params = {
      baseText: 'import { x } from "./x.js";\nexport const y = x;\n',
      baseDiagnostics: [],
      headText: "export const y = x;\n",
      headDiagnostics: [ts(1, "Cannot find name 'x'.")],
      addedLines: new Set<number>(),
    };
    expect(findIntroducedDiagnostics({ ...params, typeCheckedAtBase: true }).map((d) => d.line)).toEqual([1]);
    expect(findIntroducedDiagnostics(params)).toEqual([]);
  });

  it("reports none of them when so many appear that the file's settings must have changed", () => {
    const lines = Array.from({ length: 8 }, (_, i) => `use${i}();`).join("\n");
    const result = findIntroducedDiagnostics({
      baseText: lines,
      baseDiagnostics: [],
      headText: lines,
      headDiagnostics: Array.from({ length: 8 }, (_, i) => ts(i + 1, `Cannot find name 'use${i}'.`)),
      addedLines: new Set<number>(),
      typeCheckedAtBase: true,
    });
    expect(result).toEqual([]);
  });
});
