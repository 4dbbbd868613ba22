import { describe, expect, it } from "vitest";
import { collectFixedFiles } from "../../src/scan/collect-fixed-files.js";
import type { Finding, Fix } from "../../src/types.js";

function finding(path: string, startLine: number, endLine: number, replacement: string, origin: Fix["origin"] = "eslint"): Finding {
  return {
    path,
    startLine,
    line: endLine,
    severity: "warning",
    rule: "eslint/prefer-const",
    message: "m",
    suggestion: { edit: { path, startLine, endLine, replacement }, title: `fix ${startLine}`, origin },
  };
}

describe("collectFixedFiles", () => {
  const files: Record<string, string> = { "a.ts": "l1\nl2\nl3\nl4\n", "b.ts": "b1\r\nb2\r\n" };
  const readText = (path: string): Promise<string | undefined> => Promise.resolve(files[path]);

  it("applies each file's deterministic fixes bottom-up, keeping line endings", async () => {
    const result = await collectFixedFiles({ findings: [finding("a.ts", 1, 1, "L1"), finding("a.ts", 3, 4, "L34"), finding("b.ts", 2, 2, "B2")], readText });
    expect(result.map((f) => [f.path, f.text, f.fixes.map((x) => x.title)])).toEqual([
      ["a.ts", "L1\nl2\nL34\n", ["fix 1", "fix 3"]],
      ["b.ts", "b1\r\nB2\r\n", ["fix 2"]],
    ]);
  });

  it("leaves out model fixes, repeats, overlapping edits and files it cannot read", async () => {
    const result = await collectFixedFiles({
      findings: [finding("a.ts", 2, 3, "X"), finding("a.ts", 3, 3, "Y"), finding("a.ts", 2, 3, "X"), finding("a.ts", 4, 4, "M", "model"), finding("gone.ts", 1, 1, "G")],
      readText,
    });
    expect(result).toEqual([{ path: "a.ts", text: "l1\nl2\nY\nl4\n", fixes: [expect.objectContaining({ title: "fix 3" }) as unknown] }]);
  });
});
