import { describe, expect, it } from "vitest";
import { PromptTooLargeError } from "../../../src/llm/errors/prompt-too-large-error.js";
import { fitPrompt } from "../../../src/llm/prompts/fit-prompt.js";

const count = (text: string): Promise<number> => Promise.resolve(text.split(" ").length);

describe("fitPrompt", () => {
  const candidates = [
    { system: "s", user: "one two three four five" },
    { system: "s", user: "one two three" },
    { system: "s", user: "one" },
  ];

  it("picks the most detailed candidate that fits, counting system and user tokens", async () => {
    expect(await fitPrompt({ candidates, countTokens: count, limit: 6, what: "review" })).toEqual({ prompt: candidates[0], tokens: 6 });
    expect(await fitPrompt({ candidates, countTokens: count, limit: 5, what: "review" })).toEqual({ prompt: candidates[1], tokens: 4 });
  });

  it("throws PromptTooLargeError with the smallest size when nothing fits", async () => {
    const error = await fitPrompt({ candidates, countTokens: count, limit: 1, what: "review" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PromptTooLargeError);
    expect(error).toMatchObject({ tokens: 2, limit: 1, message: expect.stringContaining("The review prompt needs 2 tokens") as string });
  });
});
