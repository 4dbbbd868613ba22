import type { Generator } from "../llm/generator.js";
import { meterGenerator } from "../llm/meter-generator.js";
import { tallyModelUsage } from "../llm/tally-model-usage.js";
import type { ModelCallStats } from "../types.js";
import type { ReviewProgress } from "./review-types.js";

export interface ModelWork {
  /** The review's generator: every call through it is counted. */
  readonly generator: Generator;
  /** Report a model step (stage, i of n, the file), with the tokens per second so far. */
  step(progress: ReviewProgress): void;
  /** Calls, tokens and time in all and per stage; undefined when the model was never called. */
  stats(): ModelCallStats | undefined;
}

/**
 * One review's view of the model: a tally of every call (for the review's
 * stats), and progress that carries tokens per second, re-sent after each call
 * so a waiting person sees the rate move while one file takes minutes.
 */
export function trackModelWork(params: { readonly generator: Generator; readonly onProgress?: (progress: ReviewProgress) => void }): ModelWork {
  const tally = tallyModelUsage();
  let last: ReviewProgress | undefined;
  const withRate = (progress: ReviewProgress): ReviewProgress => {
    const { calls, promptTokensEvaluated, answerTokens, ms } = tally.stats();
    return calls === 0 || ms <= 0 ? progress : { ...progress, tokensPerSecond: Math.round(((promptTokensEvaluated + answerTokens) * 1000) / ms) };
  };
  const generator = meterGenerator(params.generator, (usage) => {
    tally.add(usage);
    if (last !== undefined) params.onProgress?.(withRate(last));
  });
  return {
    generator,
    step(progress) {
      last = progress;
      params.onProgress?.(withRate(progress));
    },
    stats() {
      const stats = tally.stats();
      return stats.calls === 0 ? undefined : stats;
    },
  };
}
