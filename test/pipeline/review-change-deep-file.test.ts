import { describe, expect, it } from "vitest";
import { defaultRepoConfig } from "../../src/config/repo-config.js";
import { reviewChange } from "../../src/pipeline/review-change.js";
import { addedFileDiff, memorySource } from "../helpers/memory-change.js";

const OK = "export const ok = 1;\nlet again = ok;\nexport { again };\n";
const nested = (open: string, close: string): string => `export const x = ${open.repeat(20_000)}1${close.repeat(20_000)};\n`;

describe("reviewChange with a file nested 20,000 levels deep", () => {
  it.each([
    ["brackets", "[", "]"],
    ["parentheses", "(", ")"],
  ])("reviews the other files and names the deep one (%s), instead of failing with a stack overflow", async (_name, open, close) => {
    const deep = nested(open, close);
    const result = await reviewChange({
      base: memorySource({}),
      head: memorySource({ "src/deep.ts": deep, "src/ok.ts": OK }),
      diff: [...addedFileDiff("src/deep.ts", deep), ...addedFileDiff("src/ok.ts", OK)],
      config: defaultRepoConfig,
    });
    expect(result.findings.map((f) => `${f.path} ${f.rule}`)).toEqual(["src/ok.ts eslint/prefer-const"]);
    expect(result.skipped).toEqual([{ path: "src/deep.ts", reason: expect.stringContaining("nest 20,000 levels deep") as string }]);
    expect(result.body).toContain("src/deep.ts");
    expect(result.body).toContain("20,000 levels deep");
    // Not analysed, so what earlier reviews recorded for it still stands (the gate is not cleared by making a file unparsable).
    expect(result.analysed).toEqual(["src/ok.ts"]);
  });
});
