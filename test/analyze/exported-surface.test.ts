import { describe, expect, it } from "vitest";
import { changedExports, exportedSurface } from "../../src/analyze/exported-surface.js";

const changed = (a: string, b: string) => {
  const result = changedExports(exportedSurface("m.ts", a), exportedSurface("m.ts", b));
  return result === "all" ? "all" : [...result].sort();
};

describe("exportedSurface and changedExports", () => {
  it("ignore comments, layout, imports and bodies under a declared return type, constructors and setters", () => {
    expect(changed("export function f(a: number): number {\n  return a;\n}\n", 'import "x";\n// note\nexport function f(a: number): number { return a + 1; }')).toEqual([]);
    expect(changed("export class C {\n  constructor() { this.x = 1; }\n  m(): string { return 'a'; }\n  set v(x: number) { void x; }\n  x = 0;\n}", "export class C {\n  constructor() { this.x = 2; }\n  m(): string { return 'b'; }\n  set v(x: number) { console.log(x); }\n  x = 0;\n}")).toEqual([]);
  });

  it("name the exports whose signature, inferred type or presence changed", () => {
    expect(changed("export function f(a: number): number { return a; }\nexport const k = 1;", "export function f(a: number, b: number): number { return a + b; }\nexport const k = 1;")).toEqual(["f"]);
    expect(changed("export function f(): number | undefined { return 1; }", "export function f(): number | null { return 1; }")).toEqual(["f"]);
    expect(changed("export function f(a: number) { return a; }", "export function f(a: number) { return String(a); }")).toEqual(["f"]);
    expect(changed("export const g = (a: number) => a;", "export const g = (a: number) => `${a}`;")).toEqual(["g"]);
    expect(changed("export default function (a: string): void {}", "export default function (a: number): void {}")).toEqual(["default"]);
  });

  it("say all when a change can reach any export: a local declaration, an export list, top-level code", () => {
    expect(changed("type T = { a: string };\nexport function f(t: T): void {}", "type T = { a: number };\nexport function f(t: T): void {}")).toBe("all");
    expect(changed("export const a = 1;\nexport const b = 2;", "export const a = 1;\nconst b = 2;")).toEqual(["b"]);
    expect(changed("const a = 1;\nexport { a };", "const a = 1;\nexport { a as b };")).toBe("all");
  });
});
