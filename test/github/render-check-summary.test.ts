import { describe, expect, it } from "vitest";
import { renderCheckSummary } from "../../src/github/render-check-summary.js";
import { emptyResult } from "../helpers/fake-review-change.js";

describe("renderCheckSummary", () => {
  it("lists findings by severity, suggestions, comments, skipped files, model and time per stage", () => {
    const output = renderCheckSummary({
      result: emptyResult({
        findings: [
          { path: "a.ts", startLine: 1, line: 1, severity: "error", rule: "ts/TS2322", message: "m" },
          { path: "a.ts", startLine: 2, line: 2, severity: "warning", rule: "eslint/eqeqeq", message: "m" },
          { path: "b.ts", startLine: 2, line: 2, severity: "warning", rule: "model/bug", message: "m" },
        ],
        skipped: [
          { path: "package-lock.json", reason: "lockfile" },
          { path: "dist/app.js", reason: "generated file" },
        ],
        notices: [{ message: "Only 400 files were loaded for type information." }],
        stats: { filesAnalysed: 2, filesSkipped: 2, suggestionsProposed: 5, suggestionsValidated: 3, suggestionsRejected: 2, suggestionsRepaired: 1, validatedFirstTime: 2, timings: { load: 1200, analyze: 300, model: 15_400 } },
        model: "qwen2.5-coder-7b Q4_K_M on CUDA",
      }),
      scope: { kind: "incremental", since: "abcdef1234567890abcdef1234567890abcdef12", paths: new Set(["a.ts"]) },
      filesListed: 12,
      filesInScope: 4,
      capped: false,
      changedFiles: 12,
      comments: { posted: 2, duplicates: 1, notInline: 0 },
      reviewPosted: true,
      timings: { github: 250, load: 1200, analyze: 300, model: 15_400, publish: 80 },
    });
    expect(output.title).toBe("3 findings (1 error, 2 warnings), 3 validated suggestions");
    expect(output.summary).toMatchSnapshot();
  });

  it("says there is nothing to report and why no review was posted", () => {
    const output = renderCheckSummary({
      result: emptyResult(),
      scope: { kind: "full", reason: "first review of this pull request" },
      filesListed: 1,
      filesInScope: 1,
      capped: false,
      changedFiles: 1,
      comments: { posted: 0, duplicates: 0, notInline: 0 },
      reviewPosted: false,
      timings: {},
    });
    expect(output.title).toBe("No findings in 0 files");
    expect(output.summary).toContain("Nothing new to report since the last review, so no review was posted.");
    expect(output.summary).toContain("| Model | none (deterministic checks only) |");
  });
});
