import { PromptTooLargeError } from "../errors/prompt-too-large-error.js";
import type { Prompt } from "./prompt.js";

/** The tokens of a prompt as the model sees it (system and user text). */
export async function countPromptTokens(prompt: Prompt, countTokens: (text: string) => Promise<number>): Promise<number> {
  return (await countTokens(prompt.system)) + (await countTokens(prompt.user));
}

/**
 * The first candidate (most detailed first) whose tokens, counted with the
 * model's tokenizer, fit `limit`; PromptTooLargeError when none does.
 */
export async function fitPrompt(params: {
  readonly candidates: readonly Prompt[];
  readonly countTokens: (text: string) => Promise<number>;
  readonly limit: number;
  readonly what: string;
}): Promise<{ prompt: Prompt; tokens: number }> {
  let smallest = Number.POSITIVE_INFINITY;
  for (const prompt of params.candidates) {
    const tokens = await countPromptTokens(prompt, params.countTokens);
    if (tokens <= params.limit) return { prompt, tokens };
    smallest = Math.min(smallest, tokens);
  }
  throw new PromptTooLargeError(
    `The ${params.what} prompt needs ${smallest} tokens even without optional context, more than the ${params.limit} the model's context leaves for a prompt.`,
    smallest,
    params.limit,
  );
}
