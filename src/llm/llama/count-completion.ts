import type { CompletionTokens } from "../transport.js";

/**
 * One completion's tokens from a sequence's token meter. The meter counts a
 * token decoded with logits as output: the prompt's last token and each
 * answer token but the final one; so the answer's own length (tokenized) is
 * taken from the answer, and what is left of the decoded tokens was prompt
 * evaluated for this request. The sequence then holds the whole prompt and
 * the answer, which gives the prompt's full length (reused prefix included).
 */
export function countCompletion(params: { readonly used: { readonly usedInputTokens: number; readonly usedOutputTokens: number }; readonly contextTokens: number; readonly answer: number }): CompletionTokens {
  const decoded = params.used.usedInputTokens + params.used.usedOutputTokens;
  const promptEvaluated = Math.max(0, decoded - params.answer);
  const prompt = Math.max(promptEvaluated, params.contextTokens - params.answer);
  return { prompt, promptEvaluated, answer: params.answer };
}
