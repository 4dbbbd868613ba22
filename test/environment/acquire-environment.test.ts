import { describe, expect, it } from "vitest";
import { acquireEnvironment, MISSING_MODULES_FILE } from "../../src/environment/acquire-environment.js";
import type { PackageFetcher, PackageFiles } from "../../src/environment/package-files.js";

/** A fetcher over a fixed set of packages; records what it was asked. */
function memoryFetcher(packages: Record<string, Record<string, string>>) {
  const asked: string[] = [];
  const fetcher: PackageFetcher = {
    fetch(name, range) {
      asked.push(`${name}@${range}`);
      const files = packages[`${name}@${range}`];
      if (!files) return Promise.reject(new Error(`${name}@${range}: not found in the registry (404)`));
      const map = new Map(Object.entries(files));
      const pkg: PackageFiles = { name, version: range, files: map, bytes: [...map.values()].reduce((n, t) => n + t.length, 0) };
      return Promise.resolve(pkg);
    },
  };
  return { fetcher, asked };
}

const lock = (versions: Record<string, string>): string => {
  const packages: Record<string, object> = { "": {} };
  for (const [name, version] of Object.entries(versions)) packages[`node_modules/${name}`] = { version };
  return JSON.stringify({ lockfileVersion: 3, packages });
};

describe("acquireEnvironment", () => {
  it("takes lockfile versions, follows what declarations import, and falls back to @types for a package without declarations", async () => {
    const { fetcher, asked } = memoryFetcher({
      "a@1.0.0": { "package.json": '{ "name": "a", "dependencies": { "b": "^2.0.0" } }', "index.d.ts": 'export * from "b";\n/// <reference types="node" />\n' },
      "b@2.1.0": { "package.json": '{ "name": "b" }', "index.d.ts": "export declare const b: number;\n" },
      "plain@3.0.0": { "package.json": '{ "name": "plain" }' },
      "@types/plain@3.0.1": { "package.json": '{ "name": "@types/plain" }', "index.d.ts": "export declare const p: string;\n" },
      "@types/node@20.0.0": { "package.json": '{ "name": "@types/node" }', "index.d.ts": "declare var process: unknown;\n" },
    });
    const manifests = new Map([
      ["package.json", '{ "dependencies": { "a": "^1.0.0", "plain": "^3.0.0" }, "devDependencies": { "@types/plain": "^3.0.0", "@types/node": "^20.0.0" } }'],
      ["package-lock.json", lock({ a: "1.0.0", b: "2.1.0", plain: "3.0.0", "@types/plain": "3.0.1", "@types/node": "20.0.0" })],
    ]);
    const env = await acquireEnvironment({ request: { manifests, wanted: ["a", "plain", "undeclared"] }, fetcher });
    expect(env.missing).toEqual([]);
    expect(env.versionsFrom).toBe("package-lock.json");
    expect(asked.sort()).toEqual(["@types/node@20.0.0", "@types/plain@3.0.1", "a@1.0.0", "b@2.1.0", "plain@3.0.0"]);
    expect(env.files.get("node_modules/b/index.d.ts")).toContain("const b");
    expect(env.files.has(MISSING_MODULES_FILE)).toBe(false);
  });

  it("uses package.json ranges without a lockfile, and a dependent's range for what neither names", async () => {
    const { fetcher, asked } = memoryFetcher({
      "a@^1.0.0": { "package.json": '{ "name": "a", "dependencies": { "b": "~2.0.0" } }', "index.d.ts": 'import "b";\n' },
      "b@~2.0.0": { "index.d.ts": "export {};\n" },
    });
    const env = await acquireEnvironment({ request: { manifests: new Map([["package.json", '{ "dependencies": { "a": "^1.0.0" } }']]), wanted: ["a"] }, fetcher });
    expect(asked).toEqual(["a@^1.0.0", "b@~2.0.0"]);
    expect(env.versionsFrom).toBe("package.json ranges");
  });

  it("makes what could not be had an `any` module, names it once, and never fetches the repository's own workspace packages", async () => {
    const { fetcher, asked } = memoryFetcher({});
    const env = await acquireEnvironment({
      request: { manifests: new Map([["package.json", '{ "dependencies": { "@acme/private": "1.0.0", "@acme/ui": "workspace:*" } }']]), wanted: ["@acme/private", "@acme/ui"], workspacePackages: ["@acme/ui"] },
      fetcher,
    });
    expect(asked).toEqual(["@acme/private@1.0.0"]);
    expect(env.missing.map((m) => m.name)).toEqual(["@acme/private"]);
    expect(env.files.get(MISSING_MODULES_FILE)).toBe('declare module "@acme/private";\ndeclare module "@acme/private/*";\ndeclare module "@acme/ui";\ndeclare module "@acme/ui/*";');
    expect(env.notices.map((n) => n.message).join("\n")).toMatch(/Type information was missing for 1 package: @acme\/private \(not found in the registry \(404\)\)/);
  });

  it("stops at the package limit of a 5,000-package lockfile and says which were left out", async () => {
    const names = Array.from({ length: 5000 }, (_, i) => `pkg-${i}`);
    const { fetcher, asked } = memoryFetcher(Object.fromEntries(names.map((n) => [`${n}@1.0.0`, { "index.d.ts": "export {};\n" }])));
    const env = await acquireEnvironment({
      request: { manifests: new Map([["package-lock.json", lock(Object.fromEntries(names.map((n) => [n, "1.0.0"])))]]), wanted: names },
      fetcher,
      limits: { maxPackages: 50, maxBytes: 1e9, concurrency: 8 },
    });
    expect(asked).toHaveLength(50);
    expect(env.missing).toHaveLength(4950);
    expect(env.missing[0]?.reason).toBe("over the limit of 50 packages per review");
  });
});

describe("acquireEnvironment with hostile package data", () => {
  it("drops package.json entry fields that point outside the package, with one notice", async () => {
    const { fetcher } = memoryFetcher({ "evil@1.0.0": { "package.json": '{ "name": "evil", "types": "../../../etc/passwd.d.ts", "main": "index.js" }', "index.d.ts": "export {};\n" } });
    const env = await acquireEnvironment({ request: { manifests: new Map([["package.json", '{ "dependencies": { "evil": "1.0.0" } }']]), wanted: ["evil"] }, fetcher });
    expect(JSON.parse(env.files.get("node_modules/evil/package.json") ?? "{}")).toEqual({ name: "evil", main: "index.js" });
    expect(env.notices.map((n) => n.message)).toEqual(["evil's package.json points `types` outside the package; that field was ignored."]);
  });
});
