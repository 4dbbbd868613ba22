import { describe, expect, it } from "vitest";
import { readUsage } from "../../../src/llm/http/read-usage.js";

describe("readUsage", () => {
  it("reads prompt and completion tokens, and the cached prefix where the server reports it", () => {
    expect(readUsage({ prompt_tokens: 900, completion_tokens: 40 })).toEqual({ prompt: 900, promptEvaluated: 900, answer: 40 });
    expect(readUsage({ prompt_tokens: 900, completion_tokens: 40, prompt_tokens_details: { cached_tokens: 300 } })).toEqual({ prompt: 900, promptEvaluated: 600, answer: 40 });
  });

  it("is undefined without usable counts (the answer stands without them)", () => {
    expect(readUsage(undefined)).toBeUndefined();
    expect(readUsage({ prompt_tokens: "900", completion_tokens: 40 })).toBeUndefined();
    expect(readUsage({ prompt_tokens: -1, completion_tokens: 40 })).toBeUndefined();
  });
});
