import { describe, expect, it } from "vitest";
import { defaultRepoConfig } from "../../src/config/repo-config.js";
import { parseFilePatch } from "../../src/diff/parse-file-patch.js";
import { ownFindingsOff } from "../../src/llm/model-findings-choice.js";
import { createScriptedGenerator } from "../../src/llm/scripted-generator.js";
import { reviewChange } from "../../src/pipeline/review-change.js";
import { memorySource } from "../testgen/memory-source.js";

const BASE = "export function add(a: number, b: number): number {\n  return a + b;\n}\n";
const HEAD = `${BASE}\nexport const broken: string = add(1, 2);\n`;
const PATCH = "@@ -1,3 +1,5 @@\n export function add(a: number, b: number): number {\n   return a + b;\n }\n+\n+export const broken: string = add(1, 2);";

const review = (off: string | undefined) => {
  const scripted = createScriptedGenerator({
    answers: { fix: [{ replacement: "export const broken: string = String(add(1, 2));" }], review: [{ findings: [] }] },
  });
  const generator = off === undefined ? scripted : Object.assign(Object.create(scripted) as typeof scripted, { ownFindingsOff: off });
  return {
    scripted,
    result: reviewChange({
      base: memorySource({ "src/a.ts": BASE }),
      head: memorySource({ "src/a.ts": HEAD }),
      diff: [parseFilePatch({ path: "src/a.ts", status: "modified", patch: PATCH })],
      config: { ...defaultRepoConfig, checks: { ...defaultRepoConfig.checks, tests: false } },
      generator,
    }),
  };
};

describe("the model's own review of the hunks, by PATCHSMITH_MODEL_FINDINGS", () => {
  it("is skipped with a notice when the generator says it is off; the fix task still runs", async () => {
    const reason = ownFindingsOff("auto", false)!;
    const { scripted, result } = review(reason);
    const done = await result;
    expect(scripted.calls.map((c) => c.operation)).toEqual(["fix"]);
    expect(done.notices.map((n) => n.message)).toContain(reason);
    expect(done.stats.model?.stages.findings).toBeUndefined();
    expect(done.findings.some((f) => f.suggestion?.origin === "model")).toBe(true);
  });

  it("runs when it is on", async () => {
    const { scripted, result } = review(undefined);
    const done = await result;
    expect(scripted.calls.map((c) => c.operation)).toEqual(["fix", "review"]);
    expect(done.notices.some((n) => n.message.includes("PATCHSMITH_MODEL_FINDINGS"))).toBe(false);
  });
});
