import ts from "typescript";
import { describe, expect, it } from "vitest";
import { DEFAULT_COMPILER_OPTIONS, readCompilerOptions } from "../../src/workspace/read-compiler-options.js";

function read(files: Record<string, string>) {
  return readCompilerOptions({ configPath: "tsconfig.json", readFile: (p) => files[p], fileExists: (p) => p in files });
}

describe("readCompilerOptions", () => {
  it("uses the defaults when there is no tsconfig.json", () => {
    const { options, notices } = read({});
    expect(options.strict).toBe(DEFAULT_COMPILER_OPTIONS.strict);
    expect(options.noEmit).toBe(true);
    expect(notices).toEqual([]);
  });

  it("reads JSON with comments and drops plugins", () => {
    const { options } = read({
      "tsconfig.json": '{ // comment\n "compilerOptions": { "strict": false, "checkJs": true, "allowJs": true, "plugins": [{ "name": "evil-plugin" }] } }',
    });
    expect(options.strict).toBe(false);
    expect(options.checkJs).toBe(true);
    expect(options.plugins).toBeUndefined();
  });

  it("follows extends inside the repository", () => {
    const { options, notices } = read({
      "tsconfig.json": '{ "extends": "./config/base.json", "compilerOptions": { "noImplicitAny": false } }',
      "config/base.json": '{ "compilerOptions": { "strict": true, "target": "ES2020" } }',
    });
    expect(notices).toEqual([]);
    expect(options.target).toBe(ts.ScriptTarget.ES2020);
    expect(options.noImplicitAny).toBe(false);
  });

  it("follows extends into an acquired tsconfig package, as TypeScript resolves it", () => {
    const dependencies = new Map([
      ["node_modules/@tsconfig/node20/package.json", '{ "name": "@tsconfig/node20", "version": "20.1.4" }'],
      ["node_modules/@tsconfig/node20/tsconfig.json", '{ "compilerOptions": { "target": "es2022", "lib": ["es2023"], "module": "node16" } }'],
      ["node_modules/@sindresorhus/tsconfig/package.json", '{ "name": "@sindresorhus/tsconfig", "main": "tsconfig.json" }'],
      ["node_modules/@sindresorhus/tsconfig/tsconfig.json", '{ "compilerOptions": { "noUncheckedIndexedAccess": true } }'],
    ]);
    const files: Record<string, string> = { "tsconfig.json": '{ "extends": ["@tsconfig/node20/tsconfig.json", "@sindresorhus/tsconfig"], "compilerOptions": { "strict": true } }' };
    const { options, notices } = readCompilerOptions({ configPath: "tsconfig.json", readFile: (p) => files[p], fileExists: (p) => p in files, dependencies });
    expect(notices).toEqual([]);
    expect(options.target).toBe(ts.ScriptTarget.ES2022);
    expect(options.lib).toEqual(["lib.es2023.d.ts"]);
    expect(options.noUncheckedIndexedAccess).toBe(true);
    expect(options.strict).toBe(true);
  });

  it("says so when an extended package could not be had", () => {
    const { options, notices } = read({ "tsconfig.json": '{ "extends": "@tsconfig/node20/tsconfig.json", "compilerOptions": { "strict": true } }' });
    expect(options.strict).toBe(true);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.message).toMatch(/tsconfig\.json: File '@tsconfig\/node20\/tsconfig\.json' not found\. Its `extends` could not be followed/);
  });

  it("reports an extends loop without hanging", () => {
    const { notices } = read({ "tsconfig.json": '{ "extends": "./a.json" }', "a.json": '{ "extends": "./tsconfig.json" }' });
    expect(notices.map((n) => n.message).join(" ")).toMatch(/Circularity/);
  });

  it("reports a tsconfig.json that is not valid JSON, once, and uses the defaults", () => {
    const { options, notices } = read({ "tsconfig.json": '{ "compilerOptions": { "strict": tru' });
    expect(options.module).toBe(DEFAULT_COMPILER_OPTIONS.module);
    expect(notices).toHaveLength(1);
    expect(notices[0]?.message).toMatch(/^tsconfig\.json is not valid JSON/);
  });
});
