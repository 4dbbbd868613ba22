/** Test runners patchsmith can write tests for. */
export type TestFramework = "vitest" | "jest" | "mocha" | "node:test" | "ava";

/** How tests assert: the runner's `expect`, chai, node:assert, or ava's `t`. */
export type AssertionStyle = "expect" | "chai" | "node:assert" | "ava";

/** Where a module's tests live, relative to the module. */
export type TestLayout =
  | { readonly kind: "beside" }
  | { readonly kind: "__tests__" }
  /** `<root>/` + the module's path without `strip` (e.g. root "test", strip "src/": src/a/b.ts → test/a/b.test.ts). */
  | { readonly kind: "test-dir"; readonly root: string; readonly strip: string };

/** What a repository's package.json and existing tests say about how its tests are written. */
export interface TestConventions {
  readonly framework: TestFramework;
  readonly assertions: AssertionStyle;
  /** The runner's functions are globals (jest, mocha, vitest with `globals: true`), not imported. */
  readonly globals: boolean;
  readonly layout: TestLayout;
  /** ".test" (a.test.ts), ".spec" (a.spec.ts) or "" (a.ts inside __tests__ or test/). */
  readonly suffix: ".test" | ".spec" | "";
  /** Whether tests are written in TypeScript when the module is. */
  readonly typescriptTests: boolean;
  readonly moduleKind: "esm" | "cjs";
  /** How relative imports end: "../src/a.js", "../src/a.ts" or "../src/a". */
  readonly importExtension: "js" | "ts" | "none";
  /** A tsconfig `paths` alias the tests use for source modules, e.g. { prefix: "@/", target: "src/" }. */
  readonly alias?: { readonly prefix: string; readonly target: string };
  /** Dependencies in package.json (all kinds), for checking imports. */
  readonly dependencies: ReadonlySet<string>;
  /** Test files found, for examples. */
  readonly testPaths: readonly string[];
  /** How each conclusion was reached, in words. */
  readonly evidence: readonly string[];
}
