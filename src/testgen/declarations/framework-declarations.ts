import type { TestConventions } from "../test-conventions.js";
import { AVA_DECLARATIONS } from "./ava-declarations.js";
import { CHAI_DECLARATIONS } from "./chai-declarations.js";
import { EXPECT_DECLARATIONS } from "./expect-declarations.js";
import { JEST_DECLARATIONS } from "./jest-declarations.js";
import { MOCHA_DECLARATIONS } from "./mocha-declarations.js";
import { NODE_ASSERT_DECLARATIONS } from "./node-assert-declarations.js";
import { NODE_TEST_DECLARATIONS } from "./node-test-declarations.js";
import { VITEST_DECLARATIONS } from "./vitest-declarations.js";
import { VITEST_GLOBALS_DECLARATIONS } from "./vitest-globals-declarations.js";

/** Folder the shipped declarations occupy in a workspace; no repository file is read from or written to it. */
export const DECLARATIONS_DIR = "__patchsmith_types__";

/**
 * The type declarations of the test framework in use (and of node:assert and
 * node:test, which every Node.js test may import), as workspace files. They
 * ship inside patchsmith, so a generated test type-checks without the
 * repository's node_modules. Only one framework's globals are declared, since
 * jest's, mocha's and vitest's `describe` would clash.
 */
export function frameworkDeclarations(conventions: Pick<TestConventions, "framework" | "globals">, acquired: (name: string) => boolean = () => false): Map<string, string> {
  const files = new Map<string, string>();
  // The repository's own declarations, where the review acquired them, are the real thing; these stand in otherwise.
  if (!acquired("@types/node")) {
    files.set(`${DECLARATIONS_DIR}/node-assert.d.ts`, NODE_ASSERT_DECLARATIONS);
    files.set(`${DECLARATIONS_DIR}/node-test.d.ts`, NODE_TEST_DECLARATIONS);
  }
  if (!acquired("chai") && !acquired("@types/chai")) files.set(`${DECLARATIONS_DIR}/chai.d.ts`, CHAI_DECLARATIONS);
  const real = { vitest: acquired("vitest"), jest: acquired("@types/jest"), mocha: acquired("@types/mocha"), ava: acquired("ava"), "node:test": true };
  if (real[conventions.framework]) return files;
  switch (conventions.framework) {
    case "vitest":
      files.set(`${DECLARATIONS_DIR}/expect.d.ts`, EXPECT_DECLARATIONS);
      files.set(`${DECLARATIONS_DIR}/vitest.d.ts`, VITEST_DECLARATIONS);
      if (conventions.globals) files.set(`${DECLARATIONS_DIR}/vitest-globals.d.ts`, VITEST_GLOBALS_DECLARATIONS);
      break;
    case "jest":
      files.set(`${DECLARATIONS_DIR}/expect.d.ts`, EXPECT_DECLARATIONS);
      files.set(`${DECLARATIONS_DIR}/jest.d.ts`, JEST_DECLARATIONS);
      break;
    case "mocha":
      files.set(`${DECLARATIONS_DIR}/mocha.d.ts`, MOCHA_DECLARATIONS);
      break;
    case "ava":
      files.set(`${DECLARATIONS_DIR}/ava.d.ts`, AVA_DECLARATIONS);
      break;
    case "node:test":
      break;
  }
  return files;
}
