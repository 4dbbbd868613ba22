import { parseFilePatch } from "../../src/diff/parse-file-patch.js";
import type { FileDiff, Finding } from "../../src/types.js";
import { readPatchFixture } from "../diff/read-patch-fixture.js";

/** src/many.ts after the change in test/fixtures/patches/github/several-hunks.patch: 41 lines. */
export const manyHeadLines: readonly string[] = (() => {
  const lines = Array.from({ length: 40 }, (_, index) => `const v${index + 1} = ${index + 1};`);
  lines[2] = "const v3 = 33;";
  lines[34] = "const v35 = 350;";
  lines.splice(35, 0, "const extra = 1;");
  return lines;
})();

/** Its diff: hunks over new lines 1-6 and 32-39. */
export const manyFile: FileDiff = parseFilePatch({ path: "src/many.ts", status: "modified", patch: readPatchFixture("github/several-hunks.patch") });

export function finding(overrides: Partial<Finding> = {}): Finding {
  return {
    path: "src/many.ts",
    startLine: 36,
    line: 36,
    severity: "warning",
    rule: "eslint/no-unused-vars",
    message: "'extra' is assigned a value but never used.",
    ...overrides,
  };
}
