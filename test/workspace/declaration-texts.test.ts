import { describe, expect, it } from "vitest";
import { makeWorkspace } from "../helpers/make-workspace.js";

const TSCONFIG = JSON.stringify({ compilerOptions: { target: "es2022", lib: ["es2022"], module: "node16", strict: true, noEmit: true } });

describe("workspace declarationTexts", () => {
  it("emits each module's declarations from the texts given, all in place at once, and leaves the workspace as it was", () => {
    const ws = makeWorkspace({ "tsconfig.json": TSCONFIG, "src/a.ts": 'import { b } from "./b.js";\nexport const a = () => b;\n', "src/b.ts": "export const b = 1;\n" });
    const emitted = ws.declarationTexts(new Map([["src/a.ts", 'import { b } from "./b.js";\nexport const a = () => [b];\n'], ["src/b.ts", 'export const b = "1";\n']]));
    expect(emitted.get("src/a.ts")).toContain("export declare const a: () => string[];");
    expect(emitted.get("src/b.ts")).toContain('export declare const b = "1";');
    expect(ws.getText("src/b.ts")).toBe("export const b = 1;\n");
    expect(ws.declarationTexts(new Map([["src/a.ts", ws.getText("src/a.ts") ?? ""]])).get("src/a.ts")).toContain("() => number");
  });

  it("gives nothing for a module whose emit reports a problem, one not type-checked, or one whose @internal the project strips", () => {
    const stripping = JSON.stringify({ compilerOptions: { strict: true, stripInternal: true }, include: ["src"] });
    const ws = makeWorkspace({ "tsconfig.json": stripping, "src/a.ts": "export function h() { return new (class { private p = 1 })(); }\n", "src/b.ts": "/** @internal */\nexport const b = 1;\n", "scripts/c.js": "export const c = 1;\n" });
    const emitted = ws.declarationTexts(new Map([["src/a.ts", ws.getText("src/a.ts") ?? ""], ["src/b.ts", ws.getText("src/b.ts") ?? ""], ["scripts/c.js", "export const c = 1;\n"]]));
    expect([...emitted]).toEqual([["src/a.ts", undefined], ["src/b.ts", undefined], ["scripts/c.js", undefined]]);
  });
});
