import { describe, expect, it } from "vitest";
import { findImporters } from "../../src/analyze/find-importers.js";
import { memorySource } from "../helpers/memory-change.js";

const FILES = {
  "src/a.ts": "export const a = 1;\n",
  "src/b.ts": 'import { a } from "./a.js";\nexport const b = a;\n',
  "src/c.ts": 'export * from "./a";\n',
  "src/d.ts": 'import { b } from "./b.js";\n',
  "lib/e.ts": 'const x = require("../src/a");\n',
  "pkgs/y/f.ts": 'import { a } from "@acme/x";\n',
  "src/types.d.ts": 'import "./a";\n',
};

describe("findImporters", () => {
  it("finds the scripts that import a target by a relative specifier, a re-export or require, not declarations or the target", async () => {
    const scan = await findImporters({ source: memorySource(FILES), knownPaths: new Set(Object.keys(FILES)), targets: new Set(["src/a.ts"]) });
    expect([...scan.importers.keys()].sort()).toEqual(["lib/e.ts", "src/b.ts", "src/c.ts"]);
    expect(scan.capped).toBe(false);
  });

  it("maps bare specifiers through resolveBare (a workspace package), and finds importers of a removed file", async () => {
    const known = new Set(Object.keys(FILES).filter((p) => p !== "src/a.ts"));
    const scan = await findImporters({
      source: memorySource(FILES),
      knownPaths: known,
      targets: new Set(["src/a.ts"]),
      resolveBare: (_from, specifier) => (specifier === "@acme/x" ? "src/a.ts" : undefined),
    });
    expect([...scan.importers.keys()].sort()).toEqual(["lib/e.ts", "pkgs/y/f.ts", "src/b.ts", "src/c.ts"]);
  });

  it("stops at its limits and says so, scanning the nearest folders first", async () => {
    const scan = await findImporters({ source: memorySource(FILES), knownPaths: new Set(Object.keys(FILES)), targets: new Set(["src/a.ts"]), maxImporters: 1 });
    expect([...scan.importers.keys()]).toEqual(["src/b.ts"]);
    expect(scan.capped).toBe(true);
    const scanned = await findImporters({ source: memorySource(FILES), knownPaths: new Set(Object.keys(FILES)), targets: new Set(["src/a.ts"]), maxScanned: 2 });
    expect([...scanned.importers.keys()]).toEqual(["src/b.ts", "src/c.ts"]);
    expect(scanned.capped).toBe(true);
  });

  it("passes a change on through a barrel that re-exports it: the barrel and its importers, named by the changed module", async () => {
    const files = { "pkg/lib/a.ts": "export const a = 1;\n", "pkg/index.ts": 'export * from "./lib/a";\n', "app/main.ts": 'import { a } from "../pkg/index.js";\n', "app/other.ts": 'import "./main.js";\n' };
    const scan = await findImporters({ source: memorySource(files), knownPaths: new Set(Object.keys(files)), targets: new Set(["pkg/lib/a.ts"]) });
    expect(Object.fromEntries(scan.importers)).toEqual({ "pkg/index.ts": ["pkg/lib/a.ts"], "app/main.ts": ["pkg/lib/a.ts"] });
  });
});
