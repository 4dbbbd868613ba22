import ts from "typescript";
import { describe, expect, it } from "vitest";
import { createWorkspace } from "../../src/workspace/create-workspace.js";
import { createSafeLinter } from "../../src/workspace/safe-linter.js";
import { makeWorkspace } from "../helpers/make-workspace.js";

describe("createWorkspace", () => {
  it("reports ESLint and TypeScript diagnostics with 1-based positions", () => {
    const ws = makeWorkspace({ "a.ts": "let x = 1;\nexport const y: string = x;\n" });
    const found = ws.diagnose("a.ts").map((d) => `${d.line}:${d.column} ${d.source} ${d.code}`);
    expect(found).toEqual(["1:5 eslint prefer-const", "2:14 typescript TS2322"]);
    ws.dispose();
  });

  it("does not report uninstalled packages or node globals as problems", () => {
    const ws = makeWorkspace({
      "a.ts": 'import lodash from "lodash";\nimport fs from "node:fs";\nexport const v = [lodash, fs, process.env.HOME];\n',
    });
    expect(ws.diagnose("a.ts")).toEqual([]);
    ws.dispose();
  });

  it("reports a relative import of a file that does not exist, but not one that exists unloaded", () => {
    const files = new Map([["a.ts", 'import { b } from "./b.js";\nimport { c } from "./c.js";\nexport const v = [b, c];\n']]);
    const ws = createWorkspace({
      files,
      compilerOptions: { strict: true, noEmit: true },
      knownPaths: new Set(["a.ts", "b.ts"]),
      linter: createSafeLinter(),
      checks: { eslint: false, typescript: true },
    });
    const messages = ws.diagnose("a.ts").map((d) => d.message);
    expect(messages).toEqual([expect.stringContaining("'./c.js'")]);
    ws.dispose();
  });

  it("type-checks JavaScript only where the repository sets checkJs, and lints it always", () => {
    const js = "const n = 1;\nn.foo();\nmissing();\n";
    const plain = makeWorkspace({ "a.js": js });
    expect(plain.diagnose("a.js").map((d) => d.code)).toEqual(["no-undef"]);
    plain.dispose();
    const checked = makeWorkspace({ "tsconfig.json": '{ "compilerOptions": { "allowJs": true, "checkJs": true } }', "a.js": js });
    expect(checked.diagnose("a.js").map((d) => d.code).sort()).toEqual(["TS2304", "TS2339", "no-undef"]);
    checked.dispose();
  });

  it("lists the loaded files that import a file", () => {
    const ws = makeWorkspace({
      "src/util.ts": "export const u = 1;\n",
      "src/a.ts": 'import { u } from "./util.js";\nexport const a = u;\n',
      "src/b.ts": 'export * from "./util";\n',
      "src/c.ts": "export const c = 1;\n",
    });
    expect(ws.dependents("src/util.ts").sort()).toEqual(["src/a.ts", "src/b.ts"]);
    ws.dispose();
  });
});

describe("Workspace.remove", () => {
  it("takes a file out: its text is gone, and files importing it are checked without it", () => {
    const ws = makeWorkspace({ "a.ts": 'import { b } from "./b";\nexport const a: number = b;\n', "b.ts": 'export const b = "text";\n' });
    expect(ws.diagnose("a.ts", "typescript").map((d) => d.code)).toEqual(["TS2322"]);
    ws.remove("b.ts");
    expect(ws.getText("b.ts")).toBeUndefined();
    expect(ws.paths()).toEqual(["a.ts"]);
    expect(ws.diagnose("b.ts")).toEqual([]);
    expect(ws.diagnose("a.ts", "typescript").map((d) => d.code)).not.toContain("TS2322");
    ws.dispose();
  });
});

describe("two workspaces with the same paths", () => {
  it("keep their own text (the shared document registry must not mix base and head)", () => {
    const base = makeWorkspace({ "src/a.ts": "export const a: number = 1;\n" });
    const head = makeWorkspace({ "src/a.ts": 'export const a: number = "one";\n' });
    expect(base.diagnose("src/a.ts")).toEqual([]);
    expect(head.diagnose("src/a.ts").map((d) => d.code)).toEqual(["TS2322"]);
    base.dispose();
    head.dispose();
  });
});

describe("Workspace.judgeMissingValue", () => {
  const text = "export function f(m: Map<string, number>, key: string): number {\n  m.clear();\n  const hit = m.get(key);\n  return hit ?? 0;\n}\n";
  const workspace = (environmentComplete: boolean, strict = true) =>
    createWorkspace({ files: new Map([["a.ts", text]]), compilerOptions: { strict, noEmit: true, target: ts.ScriptTarget.ES2022 }, knownPaths: new Set(["a.ts"]), linter: createSafeLinter(), checks: { eslint: false, typescript: true }, environmentComplete });

  it("asks the checker; a value typed by a package the environment lacks is never refuted", () => {
    const ws = workspace(false);
    expect(ws.judgeMissingValue("a.ts", 2, 2, "`m` may be undefined")).toBe("refuted");
    expect(ws.judgeMissingValue("a.ts", 3, 3, "`m.get(key)` may be undefined")).toBe("open");
    expect(workspace(true, false).judgeMissingValue("a.ts", 2, 2, "`m` may be undefined")).toBe("open");
    ws.setText("a.ts", 'import { client } from "not-installed";\nexport const c = client;\n');
    expect(ws.judgeMissingValue("a.ts", 2, 2, "`client` may be undefined")).toBe("open");
    expect(ws.judgeMissingValue("b.ts", 1, 1, "`x` may be undefined")).toBeUndefined();
    ws.dispose();
  });
});
