import { afterAll, describe, expect, it } from "vitest";
import { defaultRepoConfig } from "../../../src/config/repo-config.js";
import { createThreadedReviewChange } from "../../../src/pipeline/worker/create-threaded-review-change.js";
import { generateProject } from "./generate-project.js";
import { memorySource } from "./memory-source.js";

describe("createThreadedReviewChange keeps the main thread free", () => {
  const engine = createThreadedReviewChange({ poolSize: 1 });
  afterAll(async () => {
    await engine.close();
  });

  it("runs a 10 ms timer on time while the worker analyses a 40-module project", async () => {
    const project = generateProject(40);
    let last = performance.now();
    let longestGap = 0;
    let ticks = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
      ticks++;
    }, 10);
    let result;
    try {
      result = await engine({ base: memorySource(project.base), head: memorySource(project.head), diff: project.diff, config: defaultRepoConfig });
    } finally {
      clearInterval(timer);
    }
    // The review did the real work: one prefer-const per module.
    expect(result.findings.filter((f) => f.rule === "eslint/prefer-const")).toHaveLength(40);
    const analysisMs = result.stats.timings.analyze ?? 0;
    expect(ticks).toBeGreaterThan(0);
    // In-thread, the analysis is one synchronous stretch and the timer waits for all of it
    // (bench/engine-thread.ts shows that); threaded, no gap comes near it.
    expect(longestGap * 5).toBeLessThan(analysisMs);
  });
});
