import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readAppSettings } from "../../src/config/app-settings.js";
import { defaultRepoConfig } from "../../src/config/repo-config.js";
import { createEnvironmentProvider } from "../../src/environment/create-environment-provider.js";
import { reviewChange } from "../../src/pipeline/review-change.js";
import { startFakeRegistry, type FakeRegistry } from "../helpers/fake-registry.js";
import { memorySource } from "../helpers/memory-change.js";
import { modifiedFileDiff } from "../helpers/modified-file-diff.js";

const BASE_TSCONFIG = JSON.stringify({ compilerOptions: { target: "es2022", lib: ["es2022"], module: "node16", strict: true, composite: true } });
const GREET = "export function greet(name: string): string {\n  return `hi ${name}`;\n}\n";
const MAIN_BASE = 'import { greet } from "@acme/a";\n\nexport function hello(): string {\n  return greet("you");\n}\n';
const MAIN_HEAD = 'import { greet } from "@acme/a";\n\nexport function hello(): string {\n  return greet(42);\n}\n';

/** Two packages: @acme/a (its `types` names unbuilt output, out/index.d.ts) and @acme/b, which imports it. */
function monorepo(workspaces: "pnpm" | "npm", a: Record<string, string> = {}): Record<string, string> {
  return {
    "package.json": JSON.stringify({ name: "root", private: true, ...(workspaces === "npm" ? { workspaces: ["packages/*"] } : {}), devDependencies: { "@types/node": "^20.0.0" } }),
    ...(workspaces === "pnpm" ? { "pnpm-workspace.yaml": "packages:\n  - 'packages/*'\n" } : {}),
    "package-lock.json": JSON.stringify({ name: "root", lockfileVersion: 3, packages: { "": { name: "root", devDependencies: { "@types/node": "^20.0.0" } }, "node_modules/@types/node": { version: "20.0.0", dev: true } } }),
    "tsconfig.base.json": BASE_TSCONFIG,
    "packages/a/package.json": JSON.stringify({ name: "@acme/a", version: "1.0.0", types: "out/index.d.ts", main: "out/index.js" }),
    "packages/a/tsconfig.json": JSON.stringify({ extends: "../../tsconfig.base.json", compilerOptions: { rootDir: "src", outDir: "out" }, include: ["src"] }),
    "packages/a/src/index.ts": 'export * from "./greet.js";\n',
    "packages/a/src/greet.ts": GREET,
    "packages/b/package.json": JSON.stringify({ name: "@acme/b", version: "1.0.0", dependencies: { "@acme/a": "workspace:*" } }),
    "packages/b/tsconfig.json": JSON.stringify({ extends: "../../tsconfig.base.json", include: ["src"], references: [{ path: "../a" }] }),
    "packages/b/src/main.ts": MAIN_BASE,
    ...a,
  };
}

describe("reviewChange in a monorepo: workspace packages linked from the repository", () => {
  let registry: FakeRegistry;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "patchsmith-workspaces-"));
    registry = await startFakeRegistry([
      { name: "@types/node", version: "20.0.0", files: { "package.json": JSON.stringify({ name: "@types/node", version: "20.0.0", types: "index.d.ts" }), "index.d.ts": "declare var process: { env: Record<string, string | undefined> };\n" } },
    ]);
  });

  afterAll(async () => {
    await registry.close();
    await rm(dir, { recursive: true, force: true, maxRetries: 5 });
  });

  const environment = () => createEnvironmentProvider({ settings: { ...readAppSettings({ PATCHSMITH_REGISTRY: registry.url, PATCHSMITH_TYPES: "on" }).types, cacheDir: path.join(dir, "cache") }, env: {} });
  const review = (files: Record<string, string>, head: Record<string, string>, changed: string) => {
    const provider = environment();
    return reviewChange({
      base: memorySource(files),
      head: memorySource({ ...files, ...head }),
      diff: modifiedFileDiff(changed, files[changed] ?? "", head[changed] ?? ""),
      config: defaultRepoConfig,
      ...(provider ? { environment: provider } : {}),
    });
  };
  const typeErrors = (result: Awaited<ReturnType<typeof review>>) => result.findings.filter((f) => f.rule.startsWith("ts/")).map((f) => `${f.path}:${f.line} ${f.rule}`);

  for (const workspaces of ["pnpm", "npm"] as const) {
    it(`${workspaces} workspaces: a wrong argument to another package's function is found (its sources stand in for unbuilt out/*.d.ts), and nothing is fetched for it`, async () => {
      const before = registry.requests.length;
      const result = await review(monorepo(workspaces), { "packages/b/src/main.ts": MAIN_HEAD }, "packages/b/src/main.ts");
      expect(typeErrors(result)).toEqual(["packages/b/src/main.ts:4 ts/TS2345"]);
      expect(registry.requests.slice(before).some((request) => request.includes("acme"))).toBe(false);
      expect(result.body).not.toMatch(/not linked/);
    });
  }

  it("a signature change in one package reports the caller it breaks in another package the change did not touch", async () => {
    const files = monorepo("pnpm");
    const result = await review(files, { "packages/a/src/greet.ts": GREET.replace("name: string", "name: string, loud: boolean").replace("`hi ${name}`", "loud ? `HI ${name}` : `hi ${name}`") }, "packages/a/src/greet.ts");
    expect(typeErrors(result)).toEqual(["packages/b/src/main.ts:4 ts/TS2554"]);
    expect(result.findings.find((f) => f.path === "packages/b/src/main.ts")?.message).toContain("`packages/a/src/greet.ts`");
  });

  it("a package whose entry reaches nothing in the repository stays `any`: nothing is reported against it, and the review says why", async () => {
    const files = monorepo("pnpm", { "packages/a/package.json": JSON.stringify({ name: "@acme/a", version: "1.0.0", types: "dist/types.d.ts" }) });
    const result = await review(files, { "packages/b/src/main.ts": MAIN_HEAD }, "packages/b/src/main.ts");
    expect(typeErrors(result)).toEqual([]);
    expect(result.body).toMatch(/Workspace package not linked \(`@acme\/a` in packages\/a: 'dist\/types\.d\.ts' is not in the repository and no source file maps to it\): imports of it were treated as `any`/);
  });
});
