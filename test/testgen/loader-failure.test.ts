import { describe, expect, it } from "vitest";
import { loaderFailure } from "../../src/testgen/loader-failure.js";

describe("loaderFailure", () => {
  it("finds the line where the runner could not load the file", () => {
    const output = "FAIL src/__tests__/range.test.ts\n  ● Test suite failed to run\n\n    Jest encountered an unexpected token\n\n    SyntaxError: Cannot use import statement outside a module\n";
    expect(loaderFailure(output)).toBe("Jest encountered an unexpected token");
    expect(loaderFailure('TypeError [ERR_UNKNOWN_FILE_EXTENSION]: Unknown file extension ".ts"')).toMatch(/ERR_UNKNOWN_FILE_EXTENSION/);
  });

  it("says nothing about a failing assertion", () => {
    expect(loaderFailure("AssertionError: expected 3.5 to be 3 // Object.is equality\n  at test/median.test.ts:6:20")).toBeUndefined();
  });
});
