import { describe, expect, it } from "vitest";
import { linkWorkspacePackages } from "../../src/workspace/link-workspace-packages.js";

function link(files: Record<string, string>) {
  return linkWorkspacePackages({ files: new Map(Object.entries(files)), knownPaths: new Set(Object.keys(files)) });
}

describe("linkWorkspacePackages", () => {
  it("links nothing without workspaces, even where nested package.json files name packages", () => {
    const result = link({ "package.json": "{}", "fixtures/x/package.json": '{ "name": "x" }', "fixtures/x/index.ts": "" });
    expect([...result.links.keys()]).toEqual([]);
    expect(result.resolve("x")).toBeUndefined();
  });

  it("reads yarn's { packages } form and negated globs, and resolves an exports map (subpaths too) onto the sources of unbuilt output", () => {
    const result = link({
      "package.json": JSON.stringify({ workspaces: { packages: ["libs/*", "!libs/skip"] } }),
      "libs/core/package.json": JSON.stringify({ name: "@w/core", exports: { ".": { types: "./dist/index.d.ts", default: "./dist/index.js" }, "./util": { types: "./dist/util.d.ts" } } }),
      "libs/core/tsconfig.json": JSON.stringify({ compilerOptions: { outDir: "dist", rootDir: "lib" } }),
      "libs/core/lib/index.ts": "",
      "libs/core/lib/util.ts": "",
      "libs/skip/package.json": JSON.stringify({ name: "@w/skip", main: "index.js" }),
      "libs/skip/index.ts": "",
    });
    expect([...result.links.keys()]).toEqual(["@w/core"]);
    expect(result.resolve("@w/core")).toBe("libs/core/lib/index.ts");
    expect(result.resolve("@w/core/util")).toBe("libs/core/lib/util.ts");
    expect(JSON.parse(result.links.get("@w/core")?.manifest ?? "{}")).toMatchObject({ exports: { ".": { types: "./lib/index.ts" }, "./util": { types: "./lib/util.ts" } } });
  });

  it("keeps entries that exist, falls back to index, and names the package it cannot link", () => {
    const result = link({
      "pnpm-workspace.yaml": "packages:\n  - packages/*\n",
      "packages/built/package.json": JSON.stringify({ name: "built", types: "types/index.d.ts" }),
      "packages/built/types/index.d.ts": "",
      "packages/plain/package.json": JSON.stringify({ name: "plain" }),
      "packages/plain/index.ts": "",
      "packages/broken/package.json": JSON.stringify({ name: "broken", types: "../../outside.d.ts" }),
    });
    expect(result.resolve("built")).toBe("packages/built/types/index.d.ts");
    expect(result.resolve("plain")).toBe("packages/plain/index.ts");
    expect(result.unlinked.map((u) => u.name)).toEqual(["broken"]);
  });
});
