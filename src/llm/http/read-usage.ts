import type { CompletionTokens } from "../transport.js";

const count = (value: unknown): number | undefined => (typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : undefined);
const field = (value: unknown, key: string): unknown => (typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined);

/**
 * The `usage` of an OpenAI-compatible chat completion: prompt_tokens,
 * completion_tokens, and prompt_tokens_details.cached_tokens (the prefix the
 * server reused) where the server reports it. Undefined when the server sent
 * no usable counts (it is a courtesy: the answer stands without it).
 */
export function readUsage(usage: unknown): CompletionTokens | undefined {
  const prompt = count(field(usage, "prompt_tokens"));
  const answer = count(field(usage, "completion_tokens"));
  if (prompt === undefined || answer === undefined) return undefined;
  const cached = Math.min(prompt, count(field(field(usage, "prompt_tokens_details"), "cached_tokens")) ?? 0);
  return { prompt, promptEvaluated: prompt - cached, answer };
}
