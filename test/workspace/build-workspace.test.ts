import { describe, expect, it } from "vitest";
import { parseRepoConfig } from "../../src/config/repo-config.js";
import type { AcquiredEnvironment } from "../../src/environment/acquire-environment.js";
import { buildWorkspace } from "../../src/workspace/build-workspace.js";
import type { LoadedFiles } from "../../src/workspace/load-files.js";

const config = { rules: parseRepoConfig({}).rules, checks: { eslint: false, typescript: true, model: false, tests: false } };

function loaded(files: Record<string, string>, extraKnown: readonly string[] = []): LoadedFiles {
  const map = new Map(Object.entries(files));
  return { files: map, knownPaths: new Set([...map.keys(), ...extraKnown]), skipped: [], notices: [] };
}

function environment(files: Record<string, string>, packages: readonly string[] = []): AcquiredEnvironment {
  return { files: new Map(Object.entries(files)), packages: packages.map((name) => ({ name, version: "1.0.0" })), missing: [], versionsFrom: "package-lock.json", notices: [], stats: { packages: packages.length, bytes: 0, ms: 0 } };
}

function codes(files: Record<string, string>, path: string, env?: AcquiredEnvironment, known: readonly string[] = []) {
  const { workspace, notices } = buildWorkspace({ loaded: loaded(files, known), config, changed: [path], ...(env ? { environment: env } : {}) });
  try {
    return { codes: workspace.diagnose(path).map((d) => `${d.line} ${d.code}`), notices: notices.map((n) => n.message) };
  } finally {
    workspace.dispose();
  }
}

const NODE20 = {
  "node_modules/@tsconfig/node20/package.json": '{ "name": "@tsconfig/node20", "version": "20.1.4" }',
  "node_modules/@tsconfig/node20/tsconfig.json": '{ "compilerOptions": { "target": "es2022", "lib": ["es2023"], "module": "node16", "strict": true } }',
};

describe("buildWorkspace", () => {
  it("type-checks with the options of a tsconfig package the repository extends: no ES5 false errors", () => {
    const files = {
      "tsconfig.json": '{ "extends": "@tsconfig/node20/tsconfig.json" }',
      "src/a.ts": "export async function f(xs: string[]): Promise<boolean> { return xs.includes('a'); }\n",
    };
    expect(codes(files, "src/a.ts", environment(NODE20, ["@tsconfig/node20"])).codes).toEqual([]);
  });

  it("does not type-check files whose tsconfig extends a package that could not be had, and says so", () => {
    const files = { "tsconfig.json": '{ "extends": "@tsconfig/node20/tsconfig.json" }', "src/a.ts": "export const n: number = 'x';\n" };
    const result = codes(files, "src/a.ts");
    expect(result.codes).toEqual([]);
    expect(result.notices.join("\n")).toMatch(/extends.*could not be followed/);
    expect(result.notices.join("\n")).toMatch(/1 changed file is not type-checked \(`src\/a\.ts`\)/);
  });

  it("reports errors that come from a dependency's declarations", () => {
    const files = {
      "tsconfig.json": '{ "compilerOptions": { "strict": true, "module": "nodenext", "moduleResolution": "nodenext" } }',
      "package.json": '{ "type": "module", "dependencies": { "pkg": "^1.0.0" } }',
      "src/a.ts": 'import { version } from "pkg";\nexport const n: number = version;\n',
    };
    const env = environment({ "node_modules/pkg/package.json": '{ "name": "pkg", "version": "1.0.0", "types": "index.d.ts" }', "node_modules/pkg/index.d.ts": "export declare const version: string;\n" }, ["pkg"]);
    expect(codes(files, "src/a.ts", env).codes).toEqual(["2 TS2322"]);
  });

  it("includes @types packages automatically and honours `types` entries from packages", () => {
    const files = {
      "tsconfig.json": '{ "compilerOptions": { "strict": true, "types": ["vitest/globals"] } }',
      "package.json": '{ "devDependencies": { "vitest": "^3.0.0" } }',
      "test/a.test.ts": "expect(1).toBe(1);\nexport const s: string = expect;\n",
    };
    const env = environment({ "node_modules/vitest/package.json": '{ "name": "vitest", "version": "3.0.0" }', "node_modules/vitest/globals.d.ts": "declare global { const expect: (v: unknown) => { toBe(v: unknown): void }; }\nexport {};\n" }, ["vitest"]);
    expect(codes(files, "test/a.test.ts", env).codes).toEqual(["2 TS2322"]);
  });

  it("says nothing of unknown names when a `types` entry could not be had", () => {
    const files = { "tsconfig.json": '{ "compilerOptions": { "strict": true, "types": ["vitest/globals"] } }', "test/a.test.ts": "expect(1).toBe(1);\nexport const n: number = 'x';\n" };
    const result = codes(files, "test/a.test.ts");
    expect(result.codes).toEqual(["2 TS2322"]);
    expect(result.notices.join("\n")).toMatch(/`vitest\/globals`.*"Cannot find name" errors were not reported/);
  });

  it("does not type-check a file the tsconfig excludes, as the project's tsc would not", () => {
    const files = { "tsconfig.json": '{ "compilerOptions": { "strict": true }, "include": ["src"] }', "test/a.ts": "export const n: number = 'x';\n", "src/b.ts": "export const n: number = 'x';\n" };
    expect(codes(files, "test/a.ts").codes).toEqual([]);
    expect(codes(files, "src/b.ts").codes).toEqual(["1 TS2322"]);
  });

  it("uses the nearest tsconfig of a monorepo package, and follows a solution-style root's references", () => {
    const files = {
      "tsconfig.json": '{ "files": [], "references": [{ "path": "./packages/a" }, { "path": "./packages/b/tsconfig.lib.json" }] }',
      "packages/a/tsconfig.json": '{ "compilerOptions": { "strict": false } }',
      "packages/a/src/x.ts": "export function f(v) { return v; }\n",
      "packages/b/tsconfig.lib.json": '{ "compilerOptions": { "strict": true }, "include": ["src"] }',
      "packages/b/src/y.ts": "export function f(v) { return v; }\n",
    };
    expect(codes(files, "packages/a/src/x.ts").codes).toEqual([]);
    expect(codes(files, "packages/b/src/y.ts").codes).toEqual(["1 TS7006"]);
  });

  it("does not report implicit any where an unknown package would have typed it (a callback passed to its function)", () => {
    const files = { "tsconfig.json": '{ "compilerOptions": { "strict": true } }', "src/a.ts": 'import { language } from "@acme/core";\nexport const ids = language.plugins.map((plugin) => plugin.id);\n' };
    expect(codes(files, "src/a.ts").codes).toEqual([]);
    const own = { "tsconfig.json": '{ "compilerOptions": { "strict": true } }', "src/b.ts": "export const ids = [1].map(function (x) { return x; });\nexport function f(v) { return v; }\n" };
    expect(codes(own, "src/b.ts").codes).toEqual(["2 TS7006"]);
  });
});
