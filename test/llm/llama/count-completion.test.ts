import { describe, expect, it } from "vitest";
import { countCompletion } from "../../../src/llm/llama/count-completion.js";

describe("countCompletion", () => {
  it("splits what the sequence decoded into prompt evaluated and answer; the rest of the prompt was a reused prefix", () => {
    // 700 prompt tokens, 500 of them reused: 200 evaluated, then 30 answer tokens; the sequence then holds 730.
    expect(countCompletion({ used: { usedInputTokens: 199, usedOutputTokens: 31 }, contextTokens: 730, answer: 30 })).toEqual({ prompt: 700, promptEvaluated: 200, answer: 30 });
  });

  it("never reports a negative count or a prompt shorter than what was evaluated", () => {
    expect(countCompletion({ used: { usedInputTokens: 0, usedOutputTokens: 3 }, contextTokens: 0, answer: 5 })).toEqual({ prompt: 0, promptEvaluated: 0, answer: 5 });
  });
});
