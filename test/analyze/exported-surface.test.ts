import { describe, expect, it } from "vitest";
import { exportedSurface } from "../../src/analyze/exported-surface.js";

const same = (a: string, b: string): boolean => exportedSurface("m.ts", a) === exportedSurface("m.ts", b);

describe("exportedSurface", () => {
  it("ignores comments, layout and bodies under a declared return type, constructors and setters", () => {
    expect(same("export function f(a: number): number {\n  return a;\n}\n", "// note\nexport function f(a: number): number { return a + 1; }")).toBe(true);
    expect(same("export class C {\n  constructor() { this.x = 1; }\n  m(): string { return 'a'; }\n  set v(x: number) { void x; }\n  x = 0;\n}", "export class C {\n  constructor() { this.x = 2; }\n  m(): string { return 'b'; }\n  set v(x: number) { console.log(x); }\n  x = 0;\n}")).toBe(true);
  });

  it("sees a changed signature, an unannotated body (its inferred type), a changed type and a removed export", () => {
    expect(same("export function f(a: number): number { return a; }", "export function f(a: number, b: number): number { return a + b; }")).toBe(false);
    expect(same("export function f(): number | undefined { return 1; }", "export function f(): number | null { return 1; }")).toBe(false);
    expect(same("export function f(a: number) { return a; }", "export function f(a: number) { return String(a); }")).toBe(false);
    expect(same("export const g = (a: number) => a;", "export const g = (a: number) => `${a}`;")).toBe(false);
    expect(same("type T = { a: string };\nexport function f(t: T): void {}", "type T = { a: number };\nexport function f(t: T): void {}")).toBe(false);
    expect(same("export const a = 1;\nexport const b = 2;", "export const a = 1;\nconst b = 2;")).toBe(false);
  });
});
