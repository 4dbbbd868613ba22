import type { Notice } from "../types.js";

/**
 * One "Limit hit" line per model limit that cut the review short, naming the
 * setting to raise, read from what the model step reported: the review's token
 * budget, a prompt too large for the model's context, a generation that ran
 * past its time limit.
 */
export function modelLimitNotices(params: {
  readonly skipped: readonly { readonly reason: string }[];
  readonly notices: readonly Notice[];
  readonly tokenBudget: number;
}): Notice[] {
  const notices: Notice[] = [];
  const skippedFor = (phrase: string): number => params.skipped.filter((entry) => entry.reason.includes(phrase)).length;
  const budget = skippedFor("token budget");
  if (budget > 0) {
    notices.push({ message: `Limit hit: the model's token budget of ${params.tokenBudget} prompt tokens per review (\`limits.maxModelTokens\` in .github/patchsmith.yml) ran out; ${budget} ${budget === 1 ? "file or part was" : "files or parts were"} not reviewed by the model.` });
  }
  const context = skippedFor("its context allows");
  if (context > 0) {
    notices.push({ message: `Limit hit: ${context} ${context === 1 ? "hunk needs" : "hunks need"} more prompt tokens than the model's context allows (PATCHSMITH_CONTEXT_SIZE); the deterministic checks still ran on them.` });
  }
  const timeouts = params.notices.filter((notice) => notice.message.includes("longer than its time limit")).length;
  if (timeouts > 0) {
    notices.push({ message: `Limit hit: ${timeouts} model ${timeouts === 1 ? "request" : "requests"} ran past the generation time limit (PATCHSMITH_LLM_TIMEOUT_MS) and ${timeouts === 1 ? "was" : "were"} stopped.` });
  }
  return notices;
}
