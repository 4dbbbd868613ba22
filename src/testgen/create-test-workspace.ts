import type ts from "typescript";
import type { RepoConfig } from "../config/repo-config.js";
import { createWorkspace, type Workspace } from "../workspace/create-workspace.js";
import { createSafeLinter } from "../workspace/safe-linter.js";
import { frameworkDeclarations } from "./declarations/framework-declarations.js";
import type { TestConventions } from "./test-conventions.js";

/**
 * The workspace generated tests are checked in: the head files, plus the
 * shipped declarations of the test framework as extra files (so `vitest`,
 * `node:test` or jest's globals have types without the repository's
 * node_modules), with JavaScript checked too so a JavaScript test calling a
 * function that does not exist is an error. ESLint and TypeScript always run
 * here, whatever the repository's `checks` say: they are what make a test valid.
 */
export function createTestWorkspace(params: {
  readonly files: ReadonlyMap<string, string>;
  readonly knownPaths: ReadonlySet<string>;
  readonly compilerOptions: ts.CompilerOptions;
  readonly conventions: Pick<TestConventions, "framework" | "globals"> & Partial<Pick<TestConventions, "importExtension">>;
  readonly rules?: RepoConfig["rules"];
  /** Acquired dependency declarations; the real framework types replace the shipped ones where they are there. */
  readonly dependencies?: ReadonlyMap<string, string>;
}): Workspace {
  const dependencies = params.dependencies ?? new Map<string, string>();
  const declarations = frameworkDeclarations(params.conventions, (name) => dependencies.has(`node_modules/${name}/package.json`));
  const files = new Map([...params.files, ...declarations]);
  return createWorkspace({
    files,
    // Tests that import `.ts` files (run by Node's type stripping, tsx or Bun) are checked as such a runner reads them.
    compilerOptions: { ...params.compilerOptions, allowJs: true, checkJs: true, ...(params.conventions.importExtension === "ts" ? { allowImportingTsExtensions: true, noEmit: true } : {}) },
    dependencies,
    knownPaths: new Set([...params.knownPaths, ...declarations.keys()]),
    linter: createSafeLinter(params.rules ?? {}),
    checks: { eslint: true, typescript: true },
  });
}
