import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAppSettings } from "../../src/config/app-settings.js";
import { defaultRepoConfig } from "../../src/config/repo-config.js";
import { createEnvironmentProvider } from "../../src/environment/create-environment-provider.js";
import { reviewChange } from "../../src/pipeline/review-change.js";
import { addedFileDiff, memorySource } from "../helpers/memory-change.js";
import { startFakeRegistry, type FakeRegistry } from "../helpers/fake-registry.js";

const SOURCE = [
  'import { greet } from "greet";',
  'import { secret } from "@acme/private";',
  'import "canary";',
  "export async function run(names: string[]): Promise<number> {",
  '  const n: number = greet(names[0] ?? "");',
  "  const s: number = secret.whatever;",
  '  return names.includes("x") ? n + s : 0;',
  "}",
  "",
].join("\n");

const LOCK = JSON.stringify({
  name: "app",
  lockfileVersion: 3,
  packages: {
    "": { name: "app", dependencies: { greet: "^1.0.0", "@acme/private": "^1.0.0", canary: "^1.0.0" }, devDependencies: { "@sindresorhus/tsconfig": "^6.0.0" } },
    "node_modules/greet": { version: "1.0.0" },
    "node_modules/@acme/private": { version: "1.0.0" },
    "node_modules/canary": { version: "1.0.0" },
    "node_modules/@sindresorhus/tsconfig": { version: "6.0.0", dev: true },
  },
});

const REPO = {
  "package.json": JSON.stringify({ name: "app", type: "module", dependencies: { greet: "^1.0.0", "@acme/private": "^1.0.0", canary: "^1.0.0" }, devDependencies: { "@sindresorhus/tsconfig": "^6.0.0" } }),
  "package-lock.json": LOCK,
  "tsconfig.json": '{ "extends": "@sindresorhus/tsconfig", "include": ["src"] }',
  "src/a.ts": SOURCE,
};

describe("reviewChange in the repository's real environment", () => {
  let registry: FakeRegistry;
  let dir: string;
  const marker = () => path.join(dir, "install-script-ran");

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "patchsmith-env-"));
    registry = await startFakeRegistry([
      { name: "greet", version: "1.0.0", files: { "package.json": JSON.stringify({ name: "greet", version: "1.0.0", types: "index.d.ts" }), "index.d.ts": "export declare function greet(name: string): string;\n", "index.js": "export const greet = (n) => n;\n" } },
      {
        name: "@sindresorhus/tsconfig",
        version: "6.0.0",
        files: { "package.json": JSON.stringify({ name: "@sindresorhus/tsconfig", version: "6.0.0", main: "tsconfig.json" }), "tsconfig.json": '{ "compilerOptions": { "target": "es2022", "lib": ["es2022"], "module": "node16", "moduleResolution": "node16", "strict": true } }' },
      },
      { name: "@types/node", version: "20.0.0", files: { "package.json": JSON.stringify({ name: "@types/node", version: "20.0.0", types: "index.d.ts" }), "index.d.ts": "declare var process: { env: Record<string, string | undefined> };\n" } },
      { name: "canary", version: "1.0.0", files: { "index.d.ts": "export {};\n" }, scripts: { preinstall: `touch ${marker()}`, install: `touch ${marker()}`, postinstall: `touch ${marker()}` } },
    ]);
  });

  afterAll(async () => {
    await registry.close();
    await rm(dir, { recursive: true, force: true, maxRetries: 5 });
  });

  const provider = (mode: "on" | "offline", cacheDir: string) =>
    createEnvironmentProvider({ settings: { ...readAppSettings({ PATCHSMITH_REGISTRY: registry.url, PATCHSMITH_TYPES: mode }).types, cacheDir }, env: {} });

  const review = (environment: ReturnType<typeof provider>) =>
    reviewChange({ base: memorySource({ ...REPO, "src/a.ts": "" }), head: memorySource(REPO), diff: addedFileDiff("src/a.ts", SOURCE), config: defaultRepoConfig, ...(environment ? { environment } : {}) });

  it("reports only the real error, says what was missing, runs no install script, and fetches nothing the second time", async () => {
    const cacheDir = path.join(dir, "cache");
    const first = await review(provider("on", cacheDir));
    const typeErrors = first.findings.filter((f) => f.rule.startsWith("ts/")).map((f) => `${f.line} ${f.rule}`);
    // The target comes from the extended package (no ES5 "async needs Promise", no "includes" lib error);
    // greet's declarations make line 5 a real TS2322; the private package is `any`, so line 6 is not reported.
    expect(typeErrors).toEqual(["5 ts/TS2322"]);
    expect(first.notices.map((n) => n.message)).toContainEqual(expect.stringMatching(/^Type information was missing for 1 package: @acme\/private \(not found in the registry \(404\)\); imports of it were treated as `any`/));
    expect(existsSync(marker())).toBe(false);

    const before = registry.requests.length;
    const second = await review(provider("on", cacheDir));
    expect(second.findings.filter((f) => f.rule.startsWith("ts/")).map((f) => `${f.line} ${f.rule}`)).toEqual(["5 ts/TS2322"]);
    // Only the package the registry never had is asked for again.
    expect(registry.requests.slice(before).every((request) => request.includes("acme"))).toBe(true);
  });

  it("offline with an empty cache reports nothing that depends on the packages, and says so", async () => {
    const before = registry.requests.length;
    const result = await review(provider("offline", path.join(dir, "empty-cache")));
    expect(result.findings.filter((f) => f.rule.startsWith("ts/"))).toEqual([]);
    expect(result.body).toMatch(/offline mode and not in the package cache/);
    expect(result.body).toMatch(/`extends` could not be followed/);
    expect(registry.requests.length).toBe(before);
  });

  it("offers process.env for a secret only where the project declares process: not in browser code", async () => {
    const secret = ["ghp", "_", "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"].join("");
    const code = `export const token = "${secret}";\n`;
    const repo = (types: string[]) => ({
      "package.json": JSON.stringify({ name: "web", devDependencies: { "@types/node": "^20.0.0" } }),
      "package-lock.json": JSON.stringify({ name: "web", lockfileVersion: 3, packages: { "": { name: "web", devDependencies: { "@types/node": "^20.0.0" } }, "node_modules/@types/node": { version: "20.0.0", dev: true } } }),
      "tsconfig.json": JSON.stringify({ compilerOptions: { strict: true, lib: ["es2022", "dom"], types }, include: ["src"] }),
      "src/token.ts": code,
    });
    const environment = provider("on", path.join(dir, "cache"));
    const run = (types: string[]) =>
      reviewChange({ base: memorySource({ ...repo(types), "src/token.ts": "" }), head: memorySource(repo(types)), diff: addedFileDiff("src/token.ts", code), config: defaultRepoConfig, ...(environment ? { environment } : {}) });
    const browser = (await run([])).findings.find((f) => f.rule.startsWith("secret/"));
    expect(browser?.suggestion).toBeUndefined();
    expect(browser?.message).toMatch(/code that runs in a browser cannot hide a credential/);
    const node = (await run(["node"])).findings.find((f) => f.rule.startsWith("secret/"));
    expect(node?.suggestion?.edit.replacement).toBe("export const token = process.env.GITHUB_TOKEN;");
  });

  it("without an environment, files under a tsconfig that extends a package are linted, not type-checked", async () => {
    const result = await review(undefined);
    expect(result.findings.filter((f) => f.rule.startsWith("ts/"))).toEqual([]);
    expect(result.body).toMatch(/not type-checked/);
  });
});
