import type { ModelCallStats, ModelCallTotals } from "../types.js";
import type { ModelStage, ModelUsage } from "./model-usage.js";

export interface ModelUsageTally {
  add(usage: ModelUsage): void;
  /** The totals so far, in all and per stage (stages without a call are left out). */
  stats(): ModelCallStats;
}

interface Sum {
  calls: number;
  promptTokens: number;
  promptTokensEvaluated: number;
  answerTokens: number;
  ms: number;
}

const zero = (): Sum => ({ calls: 0, promptTokens: 0, promptTokensEvaluated: 0, answerTokens: 0, ms: 0 });

function totals(sum: Sum): ModelCallTotals {
  return { ...sum, ms: Math.round(sum.ms), secondsPerCall: sum.calls === 0 ? 0 : Math.round(sum.ms / sum.calls / 100) / 10 };
}

/** Adds up one review's model calls: calls, prompt tokens (and those evaluated), answer tokens and time, per stage. */
export function tallyModelUsage(): ModelUsageTally {
  const all = zero();
  const byStage = new Map<ModelStage, Sum>();
  return {
    add(usage) {
      const stage = byStage.get(usage.stage) ?? zero();
      byStage.set(usage.stage, stage);
      for (const sum of [all, stage]) {
        sum.calls += 1;
        sum.promptTokens += usage.promptTokens;
        sum.promptTokensEvaluated += usage.promptTokensEvaluated;
        sum.answerTokens += usage.completionTokens;
        sum.ms += usage.ms;
      }
    },
    stats: () => ({ ...totals(all), stages: Object.fromEntries([...byStage].map(([stage, sum]) => [stage, totals(sum)])) }),
  };
}
