import { lineEditBetween } from "../analyze/line-edit-between.js";
import { findHunkForRange } from "../diff/commentable-lines.js";
import type { FileDiff, Finding } from "../types.js";
import type { GeneratedTest } from "./tests-report.js";

export type TestDelivery = { readonly kind: "suggestion"; readonly finding: Finding } | { readonly kind: "file" };

/**
 * How a validated test reaches the author. When the pull request already
 * changes the test file and the new cases fit inside one of its hunks, they
 * become a suggestion on it (one click to apply). Otherwise the review shows
 * the whole proposed file, and `/patchsmith tests commit` (or the CLI's
 * `--write-tests`) writes it.
 */
export function planTestDelivery(params: {
  readonly test: Omit<GeneratedTest, "delivery">;
  readonly existingText: string | undefined;
  readonly diff: readonly FileDiff[];
}): TestDelivery {
  const { test, existingText } = params;
  const file = params.diff.find((f) => f.path === test.path && f.status !== "removed" && f.status !== "binary");
  if (file === undefined || existingText === undefined) return { kind: "file" };
  const edit = lineEditBetween(test.path, existingText, test.content);
  if (edit === undefined || findHunkForRange(file, edit.startLine, edit.endLine) === undefined) return { kind: "file" };
  const count = test.cases.length;
  const cases = test.cases.map((c) => `- ${c.name}${c.why.trim() === "" ? "" : `: ${c.why}`}`).join("\n");
  const ran = test.run === undefined ? "" : ` and passed ${test.run.runs} runs in a row`;
  return {
    kind: "suggestion",
    finding: {
      path: test.path,
      startLine: edit.startLine,
      line: edit.endLine,
      severity: "info",
      rule: "tests/missing-cases",
      message: `Unit tests for ${test.symbols.join(", ")}, which this pull request changes without testing: ${count} ${count === 1 ? "case" : "cases"}, checked with ESLint and TypeScript${ran}.${cases === "" ? "" : `\n\n${cases}`}`,
      suggestion: { edit, title: `Add tests for ${test.symbols.join(", ")}`, origin: "model" },
    },
  };
}
