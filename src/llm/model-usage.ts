import type { Operation } from "./transport.js";

/**
 * Where a generation belongs in a review: fixes for the checkers' diagnostics,
 * the model's own findings, unit tests, a repair (an answer to a rejection),
 * or an answer to a question.
 */
export type ModelStage = "fixes" | "findings" | "tests" | "repair" | "answer";

/** What one generation cost: tokens in and out (the model's own tokenizer) and the time it took. */
export interface ModelUsage {
  readonly operation: Operation;
  readonly stage: ModelStage;
  /** The prompt's tokens (the backend's count where it reports one, chat template included). */
  readonly promptTokens: number;
  /** Of those, the tokens evaluated for this request; the rest were a prefix reused from the cache. Equal to promptTokens when the backend cannot tell. */
  readonly promptTokensEvaluated: number;
  readonly completionTokens: number;
  readonly ms: number;
}
