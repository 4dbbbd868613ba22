import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultRepoConfig } from "../../../src/config/repo-config.js";
import type { ReviewChangeParams } from "../../../src/pipeline/review-types.js";
import { AnalysisWorkerStoppedError } from "../../../src/pipeline/worker/analysis-worker-stopped-error.js";
import { createThreadedReviewChange, type ThreadedReviewChange } from "../../../src/pipeline/worker/create-threaded-review-change.js";
import { appendedFileDiff } from "./generate-project.js";
import { memorySource } from "./memory-source.js";

/** A one-file change; `fault` names the file, and so the fault faulty-review-worker.ts injects. */
function change(path = "src/sum.ts"): ReviewChangeParams {
  const before = ["export const one = 1;"];
  const added = ["let two = one + 1;", "export { two };"];
  return {
    base: memorySource({ [path]: `${before.join("\n")}\n` }),
    head: memorySource({ [path]: `${[...before, ...added].join("\n")}\n` }),
    diff: [appendedFileDiff(path, before, added)],
    config: defaultRepoConfig,
  };
}

describe("createThreadedReviewChange when its worker fails", () => {
  let engine: ThreadedReviewChange;
  beforeAll(() => {
    engine = createThreadedReviewChange({
      poolSize: 1,
      workerUrl: new URL("./faulty-review-worker.ts", import.meta.url),
      // Room for a real review (TypeScript, ESLint), not for oom.ts.
      maxOldGenerationSizeMb: 256,
      memorySetting: "PATCHSMITH_ANALYSIS_MEMORY_MB",
      abortGraceMs: 300,
    });
  });
  afterAll(async () => {
    await engine.close();
  });

  it("reviews normally through the same entry", async () => {
    const result = await engine(change());
    expect(result.findings.map((f) => `${f.line} ${f.rule}`)).toEqual(["2 eslint/prefer-const"]);
  });

  it("rejects the review whose worker threw where nothing caught it, and serves the next one with a new worker", async () => {
    const failed = engine(change("crash.ts"));
    await expect(failed).rejects.toThrow(AnalysisWorkerStoppedError);
    await expect(failed).rejects.toThrow(/^The analysis worker stopped: simulated crash in the analysis worker; the review was not finished; re-run it/);
    await expect(engine(change())).resolves.toMatchObject({ stats: { filesAnalysed: 1 } });
  });

  it("says a worker ran out of memory, and which setting raises the limit; the next review works", async () => {
    const failed = engine(change("oom.ts"));
    await expect(failed).rejects.toThrow(AnalysisWorkerStoppedError);
    await expect(failed).rejects.toThrow(/ran out of memory \(its limit is 256 MB\); the review was not finished; re-run it, or raise PATCHSMITH_ANALYSIS_MEMORY_MB/);
    await expect(engine(change())).resolves.toMatchObject({ stats: { filesAnalysed: 1 } });
  });

  it("rejects a cancelled review at once even when its worker never yields, and replaces that worker", async () => {
    const controller = new AbortController();
    const reason = new Error("cancelled by the job's time limit");
    const hung = engine({ ...change("hang.ts"), signal: controller.signal });
    // The worker is stuck in its loop; the main thread still answers and cancels.
    setTimeout(() => {
      controller.abort(reason);
    }, 50);
    await expect(hung).rejects.toBe(reason);
    await expect(engine(change())).resolves.toMatchObject({ stats: { filesAnalysed: 1 } });
  });
});
