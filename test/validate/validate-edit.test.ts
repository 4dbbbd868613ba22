import { afterEach, describe, expect, it } from "vitest";
import type { Diagnostic, Fix } from "../../src/types.js";
import { validateEdit } from "../../src/validate/validate-edit.js";
import type { Workspace } from "../../src/workspace/create-workspace.js";
import { makeWorkspace } from "../helpers/make-workspace.js";

const util = [
  "export function add(a: number, b: number): number {",
  "  return a + b;",
  "}",
  "",
].join("\n");

const main = [
  'import { add } from "./util.js";',
  "",
  "export function total(values: number[]): number {",
  "  let sum = 0;",
  "  for (const v of values) sum = add(sum, v);",
  "  const label: string = sum;",
  "  return sum + label.length;",
  "}",
  "",
].join("\n");

const files = { "tsconfig.json": '{ "compilerOptions": { "strict": true } }', "src/util.ts": util, "src/main.ts": main };

function edit(startLine: number, endLine: number, replacement: string, target?: Diagnostic): Fix {
  return { edit: { path: "src/main.ts", startLine, endLine, replacement }, title: "test", origin: "model", ...(target ? { target } : {}) };
}

describe("validateEdit", () => {
  let workspace: Workspace;
  afterEach(() => {
    workspace.dispose();
  });

  it("accepts a correct fix and confirms the targeted diagnostic is gone", () => {
    workspace = makeWorkspace(files);
    const target = workspace.diagnose("src/main.ts").find((d) => d.code === "TS2322");
    expect(target?.line).toBe(6);
    const verdict = validateEdit(workspace, edit(6, 6, "  const label: string = String(sum);", target));
    expect(verdict).toEqual({ ok: true, reasons: [], introduced: [] });
  });

  it("leaves the workspace as it was", () => {
    workspace = makeWorkspace(files);
    const before = workspace.diagnose("src/main.ts");
    validateEdit(workspace, edit(6, 6, "  const label: string = String(sum);"));
    expect(workspace.getText("src/main.ts")).toBe(main);
    expect(workspace.diagnose("src/main.ts")).toEqual(before);
  });

  it("rejects an edit that nests 20,000 brackets, naming why, and leaves the workspace usable", () => {
    workspace = makeWorkspace(files);
    const verdict = validateEdit(workspace, edit(6, 6, `  const label: string = String(${"[".repeat(20_000)}${"]".repeat(20_000)});`));
    expect(verdict).toEqual({ ok: false, reasons: ["The edit nests brackets more than 256 levels deep, more than patchsmith parses."], introduced: [] });
    expect(validateEdit(workspace, edit(6, 6, "  const label: string = String(sum);")).ok).toBe(true);
  });

  it("rejects an edit whose checking fails, instead of throwing", () => {
    const real = makeWorkspace(files);
    let calls = 0;
    workspace = {
      ...real,
      diagnose: (path, only) => {
        calls++;
        if (calls > 1) throw new RangeError("Maximum call stack size exceeded");
        return real.diagnose(path, only);
      },
    };
    const verdict = validateEdit(workspace, edit(6, 6, "  const label: string = String(sum);"));
    expect(verdict.ok).toBe(false);
    expect(verdict.reasons).toEqual(["Checking the edited src/main.ts failed (Maximum call stack size exceeded), so the edit cannot be validated."]);
    expect(real.getText("src/main.ts")).toBe(main);
  });

  it("rejects an edit that introduces a type error", () => {
    workspace = makeWorkspace(files);
    const verdict = validateEdit(workspace, edit(4, 4, '  let sum = "0";'));
    expect(verdict.ok).toBe(false);
    expect(verdict.reasons.join("\n")).toMatch(/TS2345|TS2322/);
  });

  it("rejects a call to a function that does not exist", () => {
    workspace = makeWorkspace(files);
    const verdict = validateEdit(workspace, edit(6, 6, "  const label: string = formatNumber(sum);"));
    expect(verdict.ok).toBe(false);
    expect(verdict.reasons.join("\n")).toContain("Cannot find name 'formatNumber'");
  });

  it("rejects a call to a method that does not exist", () => {
    workspace = makeWorkspace(files);
    const verdict = validateEdit(workspace, edit(6, 6, "  const label: string = sum.toPrettyString();"));
    expect(verdict.ok).toBe(false);
    expect(verdict.reasons.join("\n")).toContain("TS2339");
  });

  it("rejects an unbalanced bracket", () => {
    workspace = makeWorkspace(files);
    const verdict = validateEdit(workspace, edit(6, 6, "  const label: string = String(sum;"));
    expect(verdict.ok).toBe(false);
    expect(verdict.reasons.join("\n")).toMatch(/'\)' expected/);
  });

  it("rejects an edit that removes a used import", () => {
    workspace = makeWorkspace(files);
    const verdict = validateEdit(workspace, edit(1, 1, ""));
    expect(verdict.ok).toBe(false);
    expect(verdict.reasons.join("\n")).toContain("Cannot find name 'add'");
  });

  it("rejects an edit that leaves the targeted diagnostic in place", () => {
    workspace = makeWorkspace(files);
    const target = workspace.diagnose("src/main.ts").find((d) => d.code === "TS2322");
    const verdict = validateEdit(workspace, edit(7, 7, "  return sum + label.length + 0;", target));
    expect(verdict.ok).toBe(false);
    expect(verdict.reasons.at(-1)).toMatch(/still there/);
  });

  it("rejects an edit that breaks a file importing the edited one", () => {
    workspace = makeWorkspace(files);
    const fix: Fix = {
      edit: { path: "src/util.ts", startLine: 1, endLine: 1, replacement: "export function add(a: string, b: number): number {" },
      title: "test",
      origin: "model",
    };
    const verdict = validateEdit(workspace, fix);
    expect(verdict.ok).toBe(false);
    expect(verdict.introduced.some((d) => d.path === "src/main.ts")).toBe(true);
  });

  it("accepts a fix that only rewords another problem on the edited line (its message quotes the changed text)", () => {
    workspace = makeWorkspace({ "src/cmp.js": "export const same = true == true;\n" });
    const target = workspace.diagnose("src/cmp.js").find((d) => d.code === "eqeqeq");
    expect(workspace.diagnose("src/cmp.js").map((d) => d.code)).toContain("no-constant-binary-expression");
    const fix: Fix = { edit: { path: "src/cmp.js", startLine: 1, endLine: 1, replacement: "export const same = true === true;" }, title: "t", origin: "eslint", ...(target ? { target } : {}) };
    expect(validateEdit(workspace, fix)).toMatchObject({ ok: true });
  });

  it("does not let the targeted problem pass as reworded: it must be gone", () => {
    workspace = makeWorkspace({ "src/cmp.js": "export const f = (a, b) => a == b;\n" });
    const target = workspace.diagnose("src/cmp.js").find((d) => d.code === "eqeqeq");
    // `!=` is still an eqeqeq problem, with another message.
    const fix: Fix = { edit: { path: "src/cmp.js", startLine: 1, endLine: 1, replacement: "export const f = (a, b) => a != b;" }, title: "t", origin: "eslint", ...(target ? { target } : {}) };
    const verdict = validateEdit(workspace, fix);
    expect(verdict.ok).toBe(false);
    expect(verdict.reasons.join("\n")).toMatch(/eqeqeq/);
  });

  it("still rejects a fix that adds a problem of a rule that was not on the edited lines", () => {
    workspace = makeWorkspace({ "src/cmp.js": "export const f = (a, b) => a == b;\n" });
    const target = workspace.diagnose("src/cmp.js").find((d) => d.code === "eqeqeq");
    const fix: Fix = { edit: { path: "src/cmp.js", startLine: 1, endLine: 1, replacement: "export const f = (a, b) => a === a;" }, title: "t", origin: "eslint", ...(target ? { target } : {}) };
    expect(validateEdit(workspace, fix).reasons.join("\n")).toMatch(/no-self-compare/);
  });

  it("rejects line ranges that do not exist and files outside the review", () => {
    workspace = makeWorkspace(files);
    expect(validateEdit(workspace, edit(40, 41, "x")).reasons[0]).toMatch(/do not exist/);
    const other: Fix = { edit: { path: "src/other.ts", startLine: 1, endLine: 1, replacement: "x" }, title: "t", origin: "model" };
    expect(validateEdit(workspace, other).reasons[0]).toMatch(/not part of this review/);
  });
});
