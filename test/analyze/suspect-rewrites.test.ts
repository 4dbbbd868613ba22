import { describe, expect, it } from "vitest";
import type { SuspectRewrite } from "../../src/analyze/suspect-rewrites.js";
import { makeWorkspace } from "../helpers/make-workspace.js";

const TSCONFIG = JSON.stringify({ compilerOptions: { strict: true, target: "ES2022", module: "NodeNext", moduleResolution: "NodeNext" } });

/** The rewrites of every line of `text` (or of `lines`), as `kind: after`. */
function rewrites(text: string, lines?: readonly number[]): string[] {
  const workspace = makeWorkspace({ "tsconfig.json": TSCONFIG, "src/a.ts": text });
  try {
    const all = new Set(lines ?? text.split("\n").map((_, i) => i + 1));
    return (workspace.suspectRewrites("src/a.ts", all) ?? []).map((r: SuspectRewrite) => `${r.kind}: ${r.after}`);
  } finally {
    workspace.dispose();
  }
}

describe("listSuspectRewrites (Workspace.suspectRewrites)", () => {
  it("inverts comparisons and moves their bound by one; takes `length - 1` as a loop's last index", () => {
    const found = rewrites(["export function f(xs: readonly number[], n: number): number {", "  let s = 0;", "  for (let i = 0; i < xs.length; i++) s += xs[i] ?? 0;", "  return n === 0 ? 0 : s;", "}", ""].join("\n"));
    expect(found).toEqual(expect.arrayContaining(["inverted-condition: i >= xs.length", "off-by-one: i <= xs.length", "off-by-one: i < xs.length - 1", "inverted-condition: n !== 0"]));
    expect(found.filter((r) => r.includes("n === 0") || r.includes("n !=="))).toHaveLength(1);
  });

  it("drops a `+ 1` or `- 1` on a number", () => {
    expect(rewrites("export const end = (start: number, size: number): number => start + size - 1;\n")).toContain("off-by-one: start + size");
  });

  it("tries the sibling properties of the same type, not those of another type, and not on a call or an assignment target", () => {
    const text = [
      "interface Box { width: number; height: number; depth: number; label: string; scale(): number }",
      "export function top(box: Box): number {",
      "  box.height = box.scale();",
      "  return box.width * box.width;",
      "}",
      "",
    ].join("\n");
    const found = rewrites(text, [3, 4]);
    expect(found).toEqual(expect.arrayContaining(["other-property: box.height", "other-property: box.depth"]));
    expect(found.some((r) => r.includes("box.label") || r.includes("box.scale ") || r.includes("box.width = "))).toBe(false);
    // Line 3: neither the assignment target nor the method call is rewritten.
    expect(rewrites(text, [3])).toEqual([]);
  });

  it("adds `await` to a promise a statement drops, or one returned from a try block, in an async function only", () => {
    const text = [
      "declare function save(): Promise<void>;",
      "declare function load(): Promise<string>;",
      "export async function a(): Promise<string> {",
      "  save();",
      "  try {",
      "    return load();",
      "  } catch {",
      "    return '';",
      "  }",
      "}",
      "export async function b(): Promise<string> {",
      "  void save();",
      "  return load();",
      "}",
      "export function c(): void {",
      "  save();",
      "}",
      "",
    ].join("\n");
    expect(rewrites(text).filter((r) => r.startsWith("missing-await"))).toEqual(["missing-await: await save()", "missing-await: await load()"]);
  });

  it("wraps a string in a template whose other values all go through one function", () => {
    const text = ["declare function escapeHtml(s: string): string;", "export const li = (a: string, b: string, n: number): string => `<b>${escapeHtml(a)}</b>${b}${n}`;", ""].join("\n");
    expect(rewrites(text)).toContain("unwrapped-value: `<b>${escapeHtml(a)}</b>${escapeHtml(b)}${n}`");
  });

  it("offers `??` for `||` only where 0 or an empty string is a value of the type", () => {
    const text = ["export const a = (n: number | undefined): number => n || 5;", "export const b = (s: string | undefined): string => s || 'x';", "export const c = (o: { x: 1 } | undefined): object => o || {};", ""].join("\n");
    expect(rewrites(text).filter((r) => r.startsWith("falsy-default"))).toEqual(["falsy-default: n ?? 5", "falsy-default: s ?? 'x'"]);
  });

  it("swaps neighbouring arguments whose parameters share a type", () => {
    const text = ["declare function transfer(from: string, to: string, cents: number): void;", "export const f = (a: string, b: string, c: number): void => transfer(a, b, c);", ""].join("\n");
    expect(rewrites(text)).toContain("swapped-arguments: transfer(b, a, c)");
  });

  it("rewrites only what stands wholly on the given lines", () => {
    expect(rewrites(["export const f = (a: number, b: number): boolean =>", "  a <", "  b;", ""].join("\n"), [2])).toEqual([]);
  });

  it("gives the rewrites of one expression one site, and stops at the limit", () => {
    const workspace = makeWorkspace({ "tsconfig.json": TSCONFIG, "src/a.ts": "export const f = (a: number, b: number): boolean => a < b && b > 2;\n" });
    const all = workspace.suspectRewrites("src/a.ts", new Set([1])) ?? [];
    expect(new Set(all.map((r) => r.site)).size).toBe(2);
    expect(workspace.suspectRewrites("src/a.ts", new Set([1]), 1)).toHaveLength(1);
    workspace.dispose();
  });
});
