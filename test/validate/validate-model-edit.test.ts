import { afterEach, describe, expect, it } from "vitest";
import type { Fix } from "../../src/types.js";
import { checkKeepsBehaviour } from "../../src/validate/check-keeps-behaviour.js";
import { validateModelEdit } from "../../src/validate/validate-model-edit.js";
import type { Workspace } from "../../src/workspace/create-workspace.js";
import { makeWorkspace } from "../helpers/make-workspace.js";

const text = ["export function add(a: number, b: number): number {", "  return a + b;", "}", "", "export const broken: string = add(1, 2);", ""].join("\n");
const files = { "tsconfig.json": '{ "compilerOptions": { "strict": true } }', "src/a.ts": text };

function fix(replacement: string, line = 5): Fix {
  return { edit: { path: "src/a.ts", startLine: line, endLine: line, replacement }, title: "model fix", origin: "model" };
}

describe("validateModelEdit: a fix keeps what the code does", () => {
  let workspace: Workspace;
  afterEach(() => {
    workspace.dispose();
  });

  it("rejects replacing add(1, 2) with '3', though it compiles, and says why", () => {
    workspace = makeWorkspace(files);
    const target = workspace.diagnose("src/a.ts").find((d) => d.code === "TS2322");
    expect(target).toBeDefined();
    const verdict = validateModelEdit(workspace, { ...fix("export const broken: string = '3';"), target: target! });
    expect(verdict.ok).toBe(false);
    expect(verdict.reasons).toContain("it replaces the computed value of `broken`, `add(1, 2)`, with the literal `'3'`; a fix must keep what the code computes");
    expect(verdict.reasons).toContain("it drops the call `add(…)`, which the diagnostic did not point at");
    expect(verdict.reasons.join("\n")).toContain("it drops the operands `1`, `2`");
  });

  it("accepts add(1, 2).toString(): the call and its operands stay, the diagnostic is gone", () => {
    workspace = makeWorkspace(files);
    const target = workspace.diagnose("src/a.ts").find((d) => d.code === "TS2322");
    expect(validateModelEdit(workspace, { ...fix("export const broken: string = add(1, 2).toString();"), target: target! })).toEqual({ ok: true, reasons: [], introduced: [] });
  });

  it("tells the model when it sent the lines back unchanged, naming the diagnostic still there", () => {
    workspace = makeWorkspace(files);
    const target = workspace.diagnose("src/a.ts").find((d) => d.code === "TS2322");
    expect(validateModelEdit(workspace, { ...fix("export const broken: string = add(1, 2);"), target: target! }).reasons).toEqual([
      "it changes nothing: these are the lines as they are, and TS2322 (Type 'number' is not assignable to type 'string'.) is still there; change them so that it goes away",
    ]);
  });

    it("accepts changing the declared type: types are not values", () => {
    workspace = makeWorkspace(files);
    expect(validateModelEdit(workspace, fix("export const broken: number = add(1, 2);")).ok).toBe(true);
  });
});

describe("checkKeepsBehaviour", () => {
  const typo = ["interface User { name: string }", "export function label(u: User): string {", "  return u.nmae.trim();", "}", ""].join("\n");
  const diagnostic = { path: "src/u.ts", line: 3, column: 12, endLine: 3, endColumn: 16, source: "typescript", code: "TS2339", message: "Property 'nmae' does not exist on type 'User'.", severity: "error" } as const;

  it("lets a fix change the name the diagnostic points at", () => {
    expect(checkKeepsBehaviour({ text: typo, edit: { path: "src/u.ts", startLine: 3, endLine: 3, replacement: "  return u.name.trim();" }, pointedAt: [diagnostic] })).toEqual([]);
  });

  it("names a dropped identifier and a dropped operand", () => {
    const source = ["export function f(total: number, rate: number): number {", "  return Math.round(total * (1 - rate));", "}", ""].join("\n");
    const reasons = checkKeepsBehaviour({ text: source, edit: { path: "src/f.ts", startLine: 2, endLine: 2, replacement: "  return Math.round(total);" } });
    expect(reasons).toEqual(["it drops `rate`, which the diagnostic did not point at", "it drops the operand `1`"]);
  });

  it("treats a deletion as dropping everything on the lines", () => {
    const reasons = checkKeepsBehaviour({ text, edit: { path: "src/a.ts", startLine: 5, endLine: 5, replacement: "", deletion: true } });
    expect(reasons).toContain("it drops the call `add(…)`, which the diagnostic did not point at");
  });
});
