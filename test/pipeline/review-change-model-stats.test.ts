import { describe, expect, it } from "vitest";
import { defaultRepoConfig } from "../../src/config/repo-config.js";
import { parseFilePatch } from "../../src/diff/parse-file-patch.js";
import { createScriptedGenerator } from "../../src/llm/scripted-generator.js";
import { reviewChange } from "../../src/pipeline/review-change.js";
import type { ReviewProgress } from "../../src/review/review-types.js";
import type { FileSource } from "../../src/types.js";

function memorySource(files: Record<string, string>): FileSource {
  return {
    description: "memory",
    readText: (path) => Promise.resolve(path in files ? { kind: "text", text: files[path]! } : { kind: "missing" }),
    listPaths: () => Promise.resolve(Object.keys(files)),
  };
}

const BASE = "export function add(a: number, b: number): number {\n  return a + b;\n}\n";
const HEAD = `${BASE}\nexport const broken: string = add(1, 2);\n`;
const PATCH = "@@ -1,3 +1,5 @@\n export function add(a: number, b: number): number {\n   return a + b;\n }\n+\n+export const broken: string = add(1, 2);";

describe("what the model cost, per review", () => {
  it("counts calls, prompt and answer tokens and time per stage (fix, repair, findings), and reports the task, the file and tokens/s as progress", async () => {
    let clock = 0;
    // Each answer takes 2 s on the scripted clock; tokens are characters.
    const timed = (answer: unknown) => () => {
      clock += 2000;
      return answer;
    };
    const generator = createScriptedGenerator({
      answers: {
        fix: [timed({ replacement: "export const broken: string = '3';" }), timed({ replacement: "export const broken: string = String(add(1, 2));" })],
        review: [timed({ findings: [] })],
      },
      countTokens: (text) => text.length,
      now: () => clock,
    });
    const progress: ReviewProgress[] = [];
    const result = await reviewChange({
      base: memorySource({ "src/a.ts": BASE }),
      head: memorySource({ "src/a.ts": HEAD }),
      diff: [parseFilePatch({ path: "src/a.ts", status: "modified", patch: PATCH })],
      config: { ...defaultRepoConfig, checks: { ...defaultRepoConfig.checks, tests: false } },
      generator,
      onProgress: (p) => progress.push(p),
    });

    const prompts = generator.calls.map((call) => call.system.length + call.user.length);
    const model = result.stats.model;
    expect(model).toMatchObject({ calls: 3, promptTokens: prompts.reduce((a, b) => a + b), ms: 6000, secondsPerCall: 2 });
    expect(model?.stages).toEqual({
      fixes: { calls: 1, promptTokens: prompts[0], promptTokensEvaluated: prompts[0], answerTokens: expect.any(Number) as number, ms: 2000, secondsPerCall: 2 },
      repair: { calls: 1, promptTokens: prompts[1], promptTokensEvaluated: prompts[1], answerTokens: expect.any(Number) as number, ms: 2000, secondsPerCall: 2 },
      findings: { calls: 1, promptTokens: prompts[2], promptTokensEvaluated: prompts[2], answerTokens: '{"findings":[]}'.length, ms: 2000, secondsPerCall: 2 },
    });
    expect(model?.answerTokens).toBe((model?.stages.fixes?.answerTokens ?? 0) + (model?.stages.repair?.answerTokens ?? 0) + '{"findings":[]}'.length);

    const fixes = progress.filter((p) => p.stage === "fixes");
    expect(fixes[0]).toEqual({ stage: "fixes", unit: "tasks", done: 0, total: 1, path: "src/a.ts" });
    // After each call the step is told again, with the rate so far: (prompt + answer tokens) per second.
    const afterFirst = Math.round((prompts[0]! + (model?.stages.fixes?.answerTokens ?? 0)) / 2);
    expect(fixes[1]).toEqual({ stage: "fixes", unit: "tasks", done: 0, total: 1, path: "src/a.ts", tokensPerSecond: afterFirst });
    expect(progress.some((p) => p.stage === "model" && p.path === "src/a.ts" && p.done === 0 && p.total === 1)).toBe(true);
  });

  it("has no model stats when no model ran", async () => {
    const result = await reviewChange({
      base: memorySource({ "src/a.ts": BASE }),
      head: memorySource({ "src/a.ts": HEAD }),
      diff: [parseFilePatch({ path: "src/a.ts", status: "modified", patch: PATCH })],
      config: { ...defaultRepoConfig, checks: { ...defaultRepoConfig.checks, tests: false } },
    });
    expect(result.stats.model).toBeUndefined();
  });
});
