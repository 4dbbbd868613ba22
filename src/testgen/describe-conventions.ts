import type { TestConventions } from "./test-conventions.js";

/** The conventions as short instructions for the model, one statement each. */
export function describeConventions(conventions: TestConventions, testPath: string): string[] {
  const lines: string[] = [];
  const typescript = /\.[cm]?tsx?$/.test(testPath);
  switch (conventions.framework) {
    case "vitest":
      lines.push(
        conventions.globals
          ? "vitest with globals: describe, it, expect and vi are globals; do not import them."
          : 'vitest: import describe, it, expect (and vi for mocks) from "vitest".',
      );
      break;
    case "jest":
      lines.push(
        conventions.globals
          ? "jest: describe, it, expect and jest are globals; do not import them."
          : 'jest: import describe, it, expect (and jest for mocks) from "@jest/globals".',
      );
      break;
    case "node:test":
      lines.push(
        'node:test: import { describe, it, test } from "node:test" and assert from "node:assert/strict"; ' +
          "assert with assert.strictEqual, assert.deepStrictEqual and assert.throws. node:test has no `expect`.",
      );
      break;
    case "mocha":
      lines.push(
        conventions.assertions === "chai"
          ? 'mocha: describe and it are globals; import { expect } from "chai".'
          : 'mocha: describe and it are globals; import assert from "node:assert/strict".',
      );
      break;
    case "ava":
      lines.push('ava: import test from "ava"; assert with t.is, t.deepEqual, t.true and t.throws.');
      break;
  }
  lines.push(typescript ? "Write TypeScript that type-checks in strict mode." : "Write JavaScript.");
  if (!typescript) lines.push(conventions.moduleKind === "esm" ? "Use ES module syntax (import/export)." : "Use CommonJS (require/module.exports).");
  if (conventions.alias !== undefined) lines.push(`Source modules are imported through the \`${conventions.alias.prefix}\` alias.`);
  return lines;
}
