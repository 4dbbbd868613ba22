import { describe, expect, it } from "vitest";
import { createMetrics } from "../../src/server/create-metrics.js";

describe("createMetrics", () => {
  it("exports model tokens and tokens per second in Prometheus format", async () => {
    const metrics = createMetrics({ counts: { review: () => ({ waiting: 2, active: 1 }) }, defaults: false });
    metrics.modelUsage({ operation: "review", stage: "findings", promptTokens: 900, promptTokensEvaluated: 900, completionTokens: 40, ms: 500 });
    metrics.modelUsage({ operation: "review", stage: "findings", promptTokens: 100, promptTokensEvaluated: 100, completionTokens: 10, ms: 0 });
    const text = await metrics.registry.metrics();
    expect(text).toContain('patchsmith_model_tokens_total{kind="prompt",operation="review"} 1000');
    expect(text).toContain('patchsmith_model_tokens_total{kind="completion",operation="review"} 50');
    // 40 tokens in 0.5 s = 80 tokens/s, in the bucket up to 80; the zero-time generation is not a rate.
    expect(text).toContain('patchsmith_model_tokens_per_second_bucket{le="80",operation="review"} 1');
    expect(text).toContain('patchsmith_model_tokens_per_second_count{operation="review"} 1');
    expect(text).toContain('patchsmith_jobs_queued{kind="review"} 2');
  });
});
