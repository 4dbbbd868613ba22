import type { Operation } from "./transport.js";

/** What one generation cost: tokens in and out (the model's own tokenizer) and the time it took. */
export interface ModelUsage {
  readonly operation: Operation;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly ms: number;
}
