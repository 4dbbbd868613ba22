import { describe, expect, it } from "vitest";
import { createScriptedTransport } from "../../src/llm/scripted-transport.js";
import { traceTransport, type TraceRecord } from "../../src/llm/trace-transport.js";
import type { CompletionRequest } from "../../src/llm/transport.js";

const request = (overrides: Partial<CompletionRequest> = {}): CompletionRequest => ({
  operation: "verify",
  system: "the system prompt",
  user: "is it true?",
  schema: { type: "object", properties: { answer: { enum: ["yes", "no"] } } },
  signal: new AbortController().signal,
  temperature: 0,
  maxTokens: 32,
  ...overrides,
});

describe("traceTransport", () => {
  it("records the prompt, the answer and the time of each request, and passes the answer on", async () => {
    const records: TraceRecord[] = [];
    let clock = 1_000;
    const transport = traceTransport(createScriptedTransport({ answers: { verify: [{ answer: "yes" }] } }), (r) => records.push(r), () => (clock += 250));
    const answer = await transport.complete(request());
    expect(JSON.parse(answer)).toEqual({ answer: "yes" });
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ operation: "verify", system: "the system prompt", user: "is it true?", maxTokens: 32, ms: 250 });
    expect(JSON.parse(records[0]?.answer ?? "")).toEqual({ answer: "yes" });
  });

  it("records a failed request with its error and still fails it", async () => {
    const records: TraceRecord[] = [];
    const transport = traceTransport(createScriptedTransport({ answers: {} }), (r) => records.push(r));
    await expect(transport.complete(request())).rejects.toThrow();
    expect(records[0]?.error).toBeTruthy();
    expect(records[0]?.answer).toBeUndefined();
  });

  it("keeps the backend's token counts and still tells the caller", async () => {
    const records: TraceRecord[] = [];
    const inner = createScriptedTransport({ answers: { verify: [{ answer: "no" }] } });
    const counting = { ...inner, complete: async (r: CompletionRequest) => { r.onTokens?.({ prompt: 40, promptEvaluated: 10, answer: 5 }); return inner.complete(r); } };
    const told: unknown[] = [];
    await traceTransport(counting, (r) => records.push(r)).complete(request({ onTokens: (t) => told.push(t) }));
    expect(records[0]?.tokens).toEqual({ prompt: 40, promptEvaluated: 10, answer: 5 });
    expect(told).toEqual([{ prompt: 40, promptEvaluated: 10, answer: 5 }]);
  });

  it("a trace that cannot be written does not fail the request", async () => {
    const transport = traceTransport(createScriptedTransport({ answers: { verify: [{ answer: "yes" }] } }), () => { throw new Error("disk full"); });
    await expect(transport.complete(request())).resolves.toContain("yes");
  });
});

describe("traceTransport on a cut-off answer", () => {
  it("keeps the text generated before the cut beside the reason", async () => {
    const records: TraceRecord[] = [];
    const transport = traceTransport(createScriptedTransport({ answers: { tests: [{ raw: "line one\nline two\nline three\n" }] } }), (r) => records.push(r));
    await expect(transport.complete(request({ operation: "tests", stopWhen: (soFar) => (soFar.includes("two") ? "enough" : undefined) }))).rejects.toThrow("stopped: enough");
    expect(records[0]).toMatchObject({ error: "The model's answer was stopped: enough.", answer: "line one\nline two\n" });
  });
});

describe("traceTransport on a scoring", () => {
  it("passes score on where the backend has it, recording the prefix and each continuation's log probability", async () => {
    const records: TraceRecord[] = [];
    const transport = traceTransport(createScriptedTransport({ answers: {}, scores: ({ continuations }) => continuations.map((_, i) => -1 - i) }), (r) => records.push(r));
    const result = await transport.score?.({ prefix: [{ text: "<|file_sep|>", marker: true }, { text: "a.ts\n" }], continuations: ["x", "y"], signal: new AbortController().signal });
    expect(result?.logProbs).toEqual([-1, -2]);
    expect(records[0]).toMatchObject({ operation: "score", user: "<|file_sep|>a.ts\n" });
    expect(JSON.parse(records[0]?.answer ?? "")).toEqual([{ logProb: -1, text: "x" }, { logProb: -2, text: "y" }]);
  });

  it("has no score where the backend has none", () => {
    expect("score" in traceTransport(createScriptedTransport({ answers: {} }), () => undefined)).toBe(false);
  });
});
