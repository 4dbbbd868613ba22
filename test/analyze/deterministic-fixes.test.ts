import { describe, expect, it } from "vitest";
import { deterministicFixes } from "../../src/analyze/deterministic-fixes.js";
import { makeWorkspace } from "../helpers/make-workspace.js";

describe("deterministicFixes", () => {
  it("offers the ESLint rule's autofix as a whole-line edit", () => {
    const ws = makeWorkspace({ "a.ts": "export function f(): number {\n  let x = 1;\n  return x;\n}\n" });
    const diagnostic = ws.diagnose("a.ts").find((d) => d.code === "prefer-const");
    expect(diagnostic).toBeDefined();
    const fixes = deterministicFixes(ws, diagnostic!);
    expect(fixes[0]).toMatchObject({ origin: "eslint", edit: { startLine: 2, endLine: 2, replacement: "  const x = 1;" }, target: diagnostic });
    ws.dispose();
  });

  it("offers TypeScript's code fixes: a missing import from a local module, a missing await", () => {
    const ws = makeWorkspace({
      "src/money.ts": "export function formatPrice(c: number): string {\n  return String(c);\n}\n",
      "src/a.ts": "export async function load(): Promise<number[]> {\n  return [1];\n}\n\nexport async function f(): Promise<string> {\n  const items = load();\n  return formatPrice(items.length);\n}\n",
    });
    const diagnostics = ws.diagnose("src/a.ts");
    const missingName = diagnostics.find((d) => d.code === "TS2304");
    const importFix = deterministicFixes(ws, missingName!).find((f) => f.title.includes("Add import"));
    expect(importFix?.edit).toMatchObject({ startLine: 1, endLine: 1 });
    expect(importFix?.edit.replacement).toContain('import { formatPrice } from "./money"');
    const onPromise = diagnostics.find((d) => d.code === "TS2339");
    const awaitFix = deterministicFixes(ws, onPromise!).find((f) => f.title.includes("await"));
    expect(awaitFix?.edit).toEqual({ path: "src/a.ts", startLine: 6, endLine: 6, replacement: "  const items = await load();" });
    ws.dispose();
  });
});
