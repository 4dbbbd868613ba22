import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseFilePatch } from "../../../src/diff/parse-file-patch.js";
import { parseCodeAnswer } from "../../../src/llm/answers/parse-code-answer.js";
import { buildGenerator } from "../../../src/llm/build-generator.js";
import { FIX_ANSWER_GRAMMAR, TESTS_ANSWER_GRAMMAR } from "../../../src/llm/schemas/code-answer-grammar.js";
import { fixHeaderSchema } from "../../../src/llm/schemas/fix-schema.js";
import { settleEdit } from "../../../src/llm/findings/settle-edit.js";
import type { Generator } from "../../../src/llm/generator.js";
import { TruncatedAnswerError } from "../../../src/llm/errors/truncated-answer-error.js";
import { createLlamaTransport } from "../../../src/llm/llama/llama-transport.js";
import { loadLlama, type LoadedLlama } from "../../../src/llm/llama/load-llama.js";
import type { LlmTransport } from "../../../src/llm/transport.js";
import type { Fix, ValidationVerdict } from "../../../src/types.js";
import { validateEdit } from "../../../src/validate/validate-edit.js";
import { makeWorkspace } from "../../helpers/make-workspace.js";
import { writeTinyGguf } from "../../helpers/tiny-gguf.js";

// The real node-llama-cpp path on a tiny random-weight GGUF: load (prebuilt binaries only),
// generate under a JSON-schema grammar, parse, validate. threads: 1 keeps a 2-core CI machine fast.
let dir: string;
let loaded: LoadedLlama;
let transport: LlmTransport;
let generator: Generator;

const hunk = parseFilePatch({ path: "src/a.ts", status: "added", patch: "@@ -0,0 +1,2 @@\n+export const a: number = 1;\n+export const b = a + 1;" }).hunks;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "patchsmith-llama-"));
  const modelPath = writeTinyGguf({ dir });
  loaded = await loadLlama({ gpu: "cpu" });
  transport = await createLlamaTransport({ llama: loaded.llama, modelPath, contextSize: 2048, sequences: 2, threads: 1 });
  generator = buildGenerator(transport, { maxTokens: 256 });
});

afterAll(async () => {
  await generator.dispose();
  rmSync(dir, { recursive: true, force: true });
});

describe("createLlamaTransport on a tiny GGUF", () => {
  it("describes the model, its quantisation and the backend", () => {
    expect(generator.describe()).toBe("tiny-test-llama F32 on CPU, node-llama-cpp, 2 sequences of 2048 tokens");
    expect(generator.name).toBe("tiny-test-llama");
    expect(generator.parallelism).toBe(2);
    expect(generator.promptTokenLimit).toBe(2048 - 256);
  });

  it("counts tokens with the model's tokenizer, not characters", async () => {
    // Byte-fallback vocabulary: "é" is two UTF-8 bytes, so two tokens; the leading "▁" is one.
    expect(await generator.countTokens("hello")).toBe(6);
    expect(await generator.countTokens("héllo")).toBe(7);
  });

  it("generates a review under the schema's grammar, and the answer parses", async () => {
    const output = await generator.reviewHunks({ path: "src/a.ts", hunks: hunk, diagnostics: [], fileText: "export const a: number = 1;\nexport const b = a + 1;\n" });
    expect(Array.isArray(output.findings)).toBe(true);
  });

  it("answers the verification pass's yes/no question under its grammar", async () => {
    const holds = await generator.verifyClaim({ path: "src/a.ts", fileText: "export const a: number = 1;\nexport const b = a + 1;\n", startLine: 2, line: 2, claim: "off-by-one: b is one too many" });
    expect(typeof holds).toBe("boolean");
  });

  it("runs requests on parallel sequences, and a waiting request can be cancelled", async () => {
    const request = { path: "src/a.ts", hunks: hunk, diagnostics: [] };
    const controller = new AbortController();
    const first = generator.reviewHunks(request);
    const second = generator.reviewHunks(request);
    const third = generator.reviewHunks(request, { signal: controller.signal });
    controller.abort(new Error("cancelled while waiting"));
    await expect(third).rejects.toThrow("cancelled while waiting");
    expect(await first).toEqual(await second);
  });

  it("says so when an answer hits its token limit before the JSON is complete", async () => {
    const request = {
      operation: "answer" as const,
      system: "Count.",
      user: "Fifty numbers.",
      schema: { type: "array", items: { type: "integer" }, minItems: 50 } as const,
      signal: new AbortController().signal,
      temperature: 0,
      maxTokens: 10,
    };
    await expect(transport.complete(request)).rejects.toThrow("The model's answer reached its limit of 10 tokens before the JSON was complete.");
  });

  it("feeds the model's fix through validation in the repair loop", async () => {
    const text = "export const a: number = 1;\nexport const b = a + 1;\n";
    const workspace = makeWorkspace({ "src/a.ts": text });
    const validate = vi.fn((fix: Fix): ValidationVerdict => validateEdit(workspace, fix));
    const outcome = await settleEdit({
      generator,
      file: parseFilePatch({ path: "src/a.ts", status: "added", patch: "@@ -0,0 +1,2 @@\n+export const a: number = 1;\n+export const b = a + 1;" }),
      edit: { path: "src/a.ts", startLine: 2, endLine: 2, replacement: "export const b = a.missingMethod();" },
      title: "Use a",
      problem: "b should use a",
      fileText: text,
      diagnostics: [],
      validate,
      maxAttempts: 2,
    });
    expect(validate.mock.results[0]?.value).toMatchObject({ ok: false });
    // The second attempt is whatever the model wrote under the fenced-code grammar: random weights seldom close
    // the fence within 256 tokens, so it either went through the same validation or ended the loop with that reason.
    if (validate.mock.calls.length === 2) {
      const second = validate.mock.calls[1]?.[0];
      expect(second?.edit).toMatchObject({ path: "src/a.ts", startLine: 2, endLine: 2 });
      expect(second?.edit.replacement).not.toBe("export const b = a.missingMethod();");
      expect(["validated", "rejected"]).toContain(outcome.kind);
    } else {
      expect(outcome).toMatchObject({ kind: "rejected" });
      expect(outcome.kind === "rejected" ? outcome.reasons.at(-1) : "").toBe("no further attempt: The model's answer reached its limit of 256 tokens before its code block was closed.");
    }
  });

  it("generates code as a fenced block under a GBNF grammar, and the code comes out of the fence", async () => {
    const text = await transport.complete({
      operation: "fix",
      system: "Fix.",
      user: "Write a word.",
      schema: fixHeaderSchema,
      code: { grammar: 'root ::= "```ts\\n" [a-z]{1,8} "\\n```"' },
      signal: new AbortController().signal,
      temperature: 0,
      maxTokens: 64,
    });
    expect(text).toMatch(/^```ts\n[a-z]{1,8}\n```$/);
    expect(parseCodeAnswer(text, "fix").code).toMatch(/^[a-z]{1,8}$/);
  });

  it("stops where stopWhen says, with the answer so far; a cancellation still throws", async () => {
    const base = {
      operation: "tests" as const,
      system: "Write.",
      user: "Many letters.",
      schema: fixHeaderSchema,
      code: { grammar: 'root ::= "```ts\\n" [a-z]{40,60} "\\n```"' },
      temperature: 0,
      maxTokens: 64,
    };
    const stopped = transport.complete({ ...base, signal: new AbortController().signal, stopWhen: (soFar) => (soFar.length >= 12 ? "enough letters" : undefined) });
    await expect(stopped).rejects.toThrow("The model's answer was stopped: enough letters.");
    const partial = await stopped.catch((error: unknown) => (error instanceof TruncatedAnswerError ? error.partial : ""));
    expect(partial.length).toBeGreaterThanOrEqual(12);
    expect(partial.length).toBeLessThan(40);
    const cancel = new AbortController();
    const cancelled = transport.complete({ ...base, signal: cancel.signal, stopWhen: (soFar) => {
      if (soFar.length > 8) cancel.abort(new Error("cancelled by the caller"));
      return undefined;
    } });
    await expect(cancelled).rejects.toThrow("cancelled by the caller");
  });

  it("scores continuations by their log probability, reusing the prefix the sequence holds", async () => {
    expect(generator.canScore).toBe(true);
    const usages: { promptTokens: number; promptTokensEvaluated: number; operation: string }[] = [];
    const request = { context: [{ path: "src/t.ts", text: "export type T = number;\n" }], path: "src/a.ts", textBefore: "export const a = 1;\n", continuations: ["export const b = a + 1;\n", "export const b = a - 1;\n", "xyz"] };
    const first = await generator.scoreLines(request, { onUsage: (u) => usages.push(u) });
    expect(first).toHaveLength(3);
    for (const value of first) {
      expect(Number.isFinite(value)).toBe(true);
      expect(value).toBeLessThan(0);
    }
    // Another prefix in between, then the first again: the same numbers, and only the changed part of the prefix evaluated.
    await generator.scoreLines({ ...request, textBefore: "export const z = 2;\n" });
    const again = await generator.scoreLines(request, { onUsage: (u) => usages.push(u) });
    again.forEach((value, i) => { expect(value).toBeCloseTo(first[i] ?? 0, 2); });
    expect(usages.map((u) => u.operation)).toEqual(["score", "score"]);
    expect(usages[1]?.promptTokens).toBe(usages[0]?.promptTokens);
    expect(usages[1]?.promptTokensEvaluated).toBeLessThan(usages[0]?.promptTokensEvaluated ?? 0);
  });

  it("compiles the fix and test-file grammars", async () => {
    await expect(loaded.llama.createGrammar({ grammar: FIX_ANSWER_GRAMMAR })).resolves.toBeDefined();
    await expect(loaded.llama.createGrammar({ grammar: TESTS_ANSWER_GRAMMAR })).resolves.toBeDefined();
  });
});
