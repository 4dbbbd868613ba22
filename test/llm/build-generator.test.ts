import { describe, expect, it } from "vitest";
import { buildGenerator } from "../../src/llm/build-generator.js";
import { GenerationTimeoutError } from "../../src/llm/errors/generation-timeout-error.js";
import { InvalidModelOutputError } from "../../src/llm/errors/invalid-model-output-error.js";
import { TruncatedAnswerError } from "../../src/llm/errors/truncated-answer-error.js";
import { PromptTooLargeError } from "../../src/llm/errors/prompt-too-large-error.js";
import { ScriptExhaustedError } from "../../src/llm/errors/script-exhausted-error.js";
import type { ModelUsage } from "../../src/llm/model-usage.js";
import { createScriptedGenerator } from "../../src/llm/scripted-generator.js";
import type { CompletionRequest, LlmTransport } from "../../src/llm/transport.js";

const hunk = {
  header: "@@ -0,0 +1,2 @@",
  oldStart: 0,
  oldLines: 0,
  newStart: 1,
  newLines: 2,
  lines: [
    { kind: "add" as const, content: "const a = 1;", newLine: 1 },
    { kind: "add" as const, content: "export { a };", newLine: 2 },
  ],
};

describe("buildGenerator", () => {
  it("reports each generation's tokens and time to onUsage, counted with the model's tokenizer", async () => {
    const usages: unknown[] = [];
    let clock = 1_000;
    const answer = { replacement: "const a = 2;" };
    const generator = createScriptedGenerator({
      answers: { fix: [() => { clock += 250; return answer; }] },
      countTokens: (text) => text.length,
      onUsage: (usage) => usages.push(usage),
      now: () => clock,
    });
    await generator.fixRange({ path: "a.ts", startLine: 1, endLine: 1, fileText: "const a = 1;\n", instruction: "Make it 2." });
    const promptTokens = generator.calls[0]!.system.length + generator.calls[0]!.user.length;
    expect(usages).toEqual([{ operation: "fix", stage: "fixes", promptTokens, promptTokensEvaluated: promptTokens, completionTokens: "```ts\nconst a = 2;\n```".length, ms: 250 }]);
  });

  it("tells each call's own onUsage too, with its stage: an answer to a rejection is a repair", async () => {
    const generator = createScriptedGenerator({
      answers: { fix: [{ replacement: "const a = 2;" }], tests: [{ code: "test('a', () => {});" }, { code: "test('a', () => {});" }], review: [{ findings: [] }] },
    });
    const stages: string[] = [];
    const onUsage = (usage: { stage: string }): void => {
      stages.push(usage.stage);
    };
    await generator.reviewHunks({ path: "a.ts", hunks: [hunk], diagnostics: [] }, { onUsage });
    await generator.fixRange({ path: "a.ts", startLine: 1, endLine: 1, fileText: "const a = 1;\n", instruction: "Make it 2.", previousAttempts: [{ replacement: "const a = 3;", reasons: ["no"] }] }, { onUsage });
    await generator.writeTests({ path: "a.ts", symbol: "a", sourceText: "export const a = 1;", testPath: "a.test.ts" }, { onUsage });
    await generator.writeTests({ path: "a.ts", symbol: "a", sourceText: "export const a = 1;", testPath: "a.test.ts", previousAttempts: [{ code: "x", reasons: ["no"] }] }, { onUsage });
    expect(stages).toEqual(["findings", "repair", "tests", "repair"]);
  });

  it("takes the backend's own token counts when it reports them (chat template and reused prefix included)", async () => {
    const transport: LlmTransport = {
      info: { model: "m", description: "m", contextSize: 4096, parallelism: 1 },
      complete(request) {
        request.onTokens?.({ prompt: 500, promptEvaluated: 120, answer: 9 });
        return Promise.resolve("```ts\nconst a = 2;\n```");
      },
      countTokens: (text) => Promise.resolve(text.length),
      dispose: () => Promise.resolve(),
    };
    const usages: ModelUsage[] = [];
    let clock = 0;
    const generator = buildGenerator(transport, { now: () => (clock += 100) });
    await generator.fixRange({ path: "a.ts", startLine: 1, endLine: 1, fileText: "const a = 1;\n", instruction: "Make it 2." }, { onUsage: (usage) => usages.push(usage) });
    expect(usages).toEqual([{ operation: "fix", stage: "fixes", promptTokens: 500, promptTokensEvaluated: 120, completionTokens: 9, ms: 100 }]);
  });

  it("runs each operation under its own schema, at temperature 0 by default, and parses the answer", async () => {
    const generator = createScriptedGenerator({
      answers: {
        review: [{ findings: [] }],
        fix: [{ replacement: "const a = 2;", explanation: "Two." }],
        tests: [{ path: "a.test.ts", symbols: ["a"], cases: [{ name: "a", why: "it is 1" }], code: "test('a', () => {});", explanation: "Covers a." }],
        answer: [{ answer: "It exports a.", references: [{ path: "a.ts", line: 2 }] }],
        verify: [{ answer: "yes" }, { answer: "no" }],
      },
    });
    expect(await generator.reviewHunks({ path: "a.ts", hunks: [hunk], diagnostics: [] })).toEqual({ findings: [] });
    expect(await generator.fixRange({ path: "a.ts", startLine: 1, endLine: 1, fileText: "const a = 1;\nexport { a };\n", instruction: "Make it 2." })).toEqual({ replacement: "const a = 2;" });
    expect(await generator.writeTests({ path: "a.ts", symbol: "a", sourceText: "export const a = 1;", testPath: "a.test.ts" })).toEqual({
      path: "a.test.ts",
      symbols: ["a"],
      cases: [{ name: "a", why: "it is 1" }],
      code: "test('a', () => {});",
      explanation: "Covers a.",
    });
    expect(await generator.answerQuestion({ question: "What does this export?", files: [{ path: "a.ts", hunks: [hunk] }] })).toMatchObject({
      references: [{ path: "a.ts", line: 2 }],
    });
    const claim = { path: "a.ts", fileText: "const a = 1;\n", startLine: 1, line: 1, claim: "off-by-one: a is one too many" };
    expect([await generator.verifyClaim(claim), await generator.verifyClaim(claim)]).toEqual([true, false]);
    expect(generator.calls.map((call) => [call.operation, call.temperature])).toEqual([
      ["review", 0],
      ["fix", 0],
      ["tests", 0],
      ["answer", 0],
      ["verify", 0],
      ["verify", 0],
    ]);
    expect(generator.calls[4]?.maxTokens).toBeLessThanOrEqual(32);
    expect(generator.calls[1]?.user).toContain("1 |>const a = 1;");
    expect(generator.calls[3]?.user).toMatch(/<untrusted-data label="question" id="[0-9a-f]+">\nWhat does this export\?\n/);
  });

  it("asks for code as a fenced block alone, never inside a JSON string; a test file's cases are its test names", async () => {
    const generator = createScriptedGenerator({
      answers: {
        fix: [{ raw: "```ts\n  return a + b;\n```" }],
        tests: [
          { raw: '```ts\nimport { add } from "./a.js";\ntest("adds", () => {});\n```' },
          // A header that comes anyway (a server without grammars) is still read.
          { raw: '{"cases": [{"name": "adds", "why": "the sum"}], "explanation": "One case."}\n```ts\nimport { add } from "./a.js";\n```' },
        ],
      },
    });
    expect(await generator.fixRange({ path: "a.ts", startLine: 1, endLine: 1, fileText: "x\n", instruction: "y" })).toEqual({ replacement: "  return a + b;" });
    expect(await generator.writeTests({ path: "a.ts", symbol: "add", sourceText: "", testPath: "a.test.ts" })).toMatchObject({ cases: [{ name: "adds", why: "" }], explanation: "", code: 'import { add } from "./a.js";\ntest("adds", () => {});' });
    expect(await generator.writeTests({ path: "a.ts", symbol: "add", sourceText: "", testPath: "a.test.ts" })).toMatchObject({ cases: [{ name: "adds", why: "the sum" }], explanation: "One case." });
    expect(generator.calls[0]?.system).toContain("one fenced code block");
    expect(generator.calls[1]?.system).toContain("Answer with the complete test file in one fenced code block (```ts ... ```) and nothing else.");
    expect(generator.calls[1]?.system).not.toContain("JSON");
  });

  it("unwraps a fence the model wrapped around the code, whatever the answer's shape", async () => {
    const file = 'import { test } from "vitest";\ntest("a", () => {});';
    const generator = createScriptedGenerator({
      answers: {
        tests: [
          // A fence inside the fenced block.
          { cases: [], explanation: "", code: "```typescript\n" + file + "\n```" },
          // The old shape: the file in a JSON string, fenced.
          { raw: JSON.stringify({ path: "a.test.ts", code: "```typescript\n" + file + "\n```" }) },
          // No header, prose after the block.
          { raw: "```ts\n" + file + "\n```\nThese tests cover a." },
        ],
        fix: [{ replacement: "```ts\nconst a = 2;\n```" }],
      },
    });
    const request = { path: "a.ts", symbol: "a", sourceText: "", testPath: "a.test.ts" };
    for (let i = 0; i < 3; i++) expect((await generator.writeTests(request)).code).toBe(file);
    expect(await generator.fixRange({ path: "a.ts", startLine: 1, endLine: 1, fileText: "x\n", instruction: "y" })).toEqual({ replacement: "const a = 2;" });
  });

  it("rejects an answer that does not match the schema", async () => {
    const generator = createScriptedGenerator({ answers: { fix: [{ replacement: 3, explanation: "" }] } });
    await expect(generator.fixRange({ path: "a.ts", startLine: 1, endLine: 1, fileText: "x\n", instruction: "y" })).rejects.toThrow(InvalidModelOutputError);
  });

  it("says when a script has run out of answers", async () => {
    const generator = createScriptedGenerator({ answers: {} });
    await expect(generator.reviewHunks({ path: "a.ts", hunks: [hunk], diagnostics: [] })).rejects.toThrow(ScriptExhaustedError);
  });

  it("shrinks the prompt to fit the context and refuses one that never fits", async () => {
    const fileText = Array.from({ length: 200 }, (_, i) => `const line${i} = ${i};`).join("\n");
    const big = { path: "a.ts", hunks: [{ ...hunk, newStart: 100, lines: hunk.lines.map((l, i) => ({ ...l, newLine: 100 + i })) }], fileText, diagnostics: [] };
    const roomy = createScriptedGenerator({ answers: { review: [{ findings: [] }] }, contextSize: 100_000 });
    const full = await roomy.measureReviewPrompt(big);
    // Room for everything but the 10 lines of context before the hunk: the prompt drops to 3 lines.
    const tight = createScriptedGenerator({ answers: { review: [{ findings: [] }] }, contextSize: full - 1 + 200, maxTokens: 200 });
    await roomy.reviewHunks(big);
    await tight.reviewHunks(big);
    expect(roomy.calls[0]?.user).toContain("const line90 = 90;");
    expect(tight.calls[0]?.user).not.toContain("const line90 = 90;");
    expect(tight.calls[0]?.user).toContain("const line97 = 97;");
    expect(await tight.measureReviewPrompt(big)).toBeLessThanOrEqual(tight.promptTokenLimit);

    const tiny = createScriptedGenerator({ answers: { review: [{ findings: [] }] }, contextSize: 300, maxTokens: 200 });
    await expect(tiny.reviewHunks(big)).rejects.toThrow(PromptTooLargeError);
    expect(await tiny.measureReviewPrompt(big)).toBeGreaterThan(tiny.promptTokenLimit);
  });

  it("stops a generation at its time limit with GenerationTimeoutError, and passes the caller's cancellation through", async () => {
    const requests: CompletionRequest[] = [];
    let arrived: () => void = () => undefined;
    const hanging: LlmTransport = {
      info: { model: "hang", description: "hangs", contextSize: 4096, parallelism: 1 },
      complete: (request) => {
        requests.push(request);
        arrived();
        return new Promise((_, reject) => { request.signal.addEventListener("abort", () => { reject(request.signal.reason as Error); }); });
      },
      countTokens: (text) => Promise.resolve(text.length),
      dispose: () => Promise.resolve(),
    };
    const generator = buildGenerator(hanging, { timeoutMs: 5 });
    await expect(generator.reviewHunks({ path: "a.ts", hunks: [hunk], diagnostics: [] })).rejects.toThrow(GenerationTimeoutError);

    const controller = new AbortController();
    const started = new Promise<void>((resolve) => (arrived = resolve));
    const pending = buildGenerator(hanging, { timeoutMs: 600_000 }).reviewHunks({ path: "a.ts", hunks: [hunk], diagnostics: [] }, { signal: controller.signal });
    await started;
    controller.abort(new Error("shutting down"));
    await expect(pending).rejects.toThrow("shutting down");
    expect(requests).toHaveLength(2);
  });

  it("passes temperature and token limits through, capped by the room the context leaves", async () => {
    const generator = createScriptedGenerator({ answers: { review: [{ findings: [] }, { findings: [] }] }, contextSize: 8192, temperature: 0.2 });
    await generator.reviewHunks({ path: "a.ts", hunks: [hunk], diagnostics: [] });
    await generator.reviewHunks({ path: "a.ts", hunks: [hunk], diagnostics: [] }, { temperature: 0.7, maxTokens: 1_000_000 });
    expect(generator.calls.map((c) => [c.temperature, c.maxTokens])).toEqual([
      [0.2, 2048],
      [0.7, 2048],
    ]);
    expect(generator.promptTokenLimit).toBe(8192 - 2048);
    expect(generator.describe()).toBe("scripted (scripted answers)");
  });
});

describe("buildGenerator: a test file cut off by the token limit", () => {
  const truncatingTransport = (partial: string, seen: CompletionRequest[]): LlmTransport => ({
    info: { model: "m", description: "m", contextSize: 8192, parallelism: 1 },
    complete(request) {
      seen.push(request);
      request.onTokens?.({ prompt: 300, promptEvaluated: 300, answer: request.maxTokens });
      return Promise.reject(new TruncatedAnswerError(`The model's answer reached its limit of ${request.maxTokens} tokens before its code block was closed.`, partial));
    },
    countTokens: (text) => Promise.resolve(Math.ceil(text.length / 4)),
    dispose: () => Promise.resolve(),
  });
  const request = { path: "src/a.ts", symbol: "add", sourceText: "", testPath: "src/a.test.ts" };

  it("keeps the cases it finished, closes the groups left open, and counts the tokens it cost", async () => {
    const partial = '```ts\nimport { describe, expect, it } from "vitest";\nimport { add } from "./a.js";\n\ndescribe("add", () => {\n  it("adds", () => {\n    expect(add(1, 2)).toBe(3);\n  });\n\n  it("adds again", () => {\n    expect(add(1, 2)).toBe(3);\n    expect(add(1, 2)).toBe(3);\n    expect(add(1,';
    const seen: CompletionRequest[] = [];
    const usages: ModelUsage[] = [];
    const generator = buildGenerator(truncatingTransport(partial, seen), { onUsage: (usage) => usages.push(usage) });
    const answer = await generator.writeTests(request);
    expect(answer.code).toBe('import { describe, expect, it } from "vitest";\nimport { add } from "./a.js";\n\ndescribe("add", () => {\n  it("adds", () => {\n    expect(add(1, 2)).toBe(3);\n  });\n});\n');
    expect(answer.cases.map((c) => c.name)).toEqual(["adds"]);
    // A test file gets fewer answer tokens than the context allows: past them it is a loop.
    expect(seen[0]?.maxTokens).toBe(1024);
    expect(usages).toEqual([expect.objectContaining({ operation: "tests", completionTokens: 1024 })]);
  });

  it("still fails with the limit's message when no case was finished", async () => {
    const generator = buildGenerator(truncatingTransport('```ts\nimport { add } from "./a.js";\n\nit("adds", () => {\n  expect(add(', []));
    await expect(generator.writeTests(request)).rejects.toThrow(/reached its limit of 1024 tokens before its code block was closed/);
  });
});

describe("buildGenerator: a test file stops at the cases asked for", () => {
  it("stops as the answer begins a case past the limit (2 per symbol + 1, the existing file's own aside), keeping the finished ones", async () => {
    const caseText = (n: number): string => `test("case ${n}", () => {\n  assert.equal(add(${n}, 0), ${n});\n});\n`;
    const answer = `import assert from "node:assert/strict";\nimport { test } from "node:test";\nimport { add } from "./a.js";\n\n${[1, 2, 3, 4, 5, 6].map(caseText).join("\n")}`;
    const generator = createScriptedGenerator({ answers: { tests: [{ raw: `\`\`\`ts\n${answer}\`\`\`` }, { raw: `\`\`\`ts\n${answer}\`\`\`` }] } });
    const one = await generator.writeTests({ path: "a.ts", symbol: "add", symbols: ["add"], sourceText: "", testPath: "a.test.ts" });
    expect(one.cases.map((c) => c.name)).toEqual(["case 1", "case 2", "case 3"]);
    // With an existing file of two cases, five may come back.
    const existing = `import { test } from "node:test";\n${caseText(1)}${caseText(2)}`;
    const extended = await generator.writeTests({ path: "a.ts", symbol: "add", symbols: ["add"], sourceText: "", testPath: "a.test.ts", existingTestText: existing });
    expect(extended.cases).toHaveLength(5);
  });
});
