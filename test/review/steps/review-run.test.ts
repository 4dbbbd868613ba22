import { describe, expect, it } from "vitest";
import { parseRepoConfig } from "../../../src/config/repo-config.js";
import { startReviewRun } from "../../../src/review/steps/review-run.js";
import type { ReviewProgress } from "../../../src/review/review-types.js";
import { memorySource } from "../../helpers/memory-change.js";

describe("startReviewRun", () => {
  it("adds up each stage's time on the injected clock, also when the stage throws", async () => {
    let clock = 0;
    const run = startReviewRun({ config: parseRepoConfig({}), head: memorySource({}), base: memorySource({}), now: () => clock });
    await run.time("load", () => {
      clock += 5;
    });
    await run.time("load", () => {
      clock += 7;
    });
    await expect(
      run.time("model", () => {
        clock += 3;
        throw new Error("model down");
      }),
    ).rejects.toThrow("model down");
    expect(run.timings).toEqual({ load: 12, model: 3 });
  });

  it("counts every read of both snapshots against one budget and says so once when it runs out", async () => {
    const run = startReviewRun({ config: parseRepoConfig({ limits: { maxTotalBytes: 10 } }), head: memorySource({ "a.ts": "12345678" }), base: memorySource({ "a.ts": "12345678" }) });
    run.budgetNotice("nothing yet");
    expect(run.notices).toEqual([]);
    expect(await run.source.head.readText("a.ts")).toMatchObject({ kind: "text" });
    expect(await run.source.base.readText("a.ts")).not.toMatchObject({ kind: "text" });
    run.budgetNotice("files not read are listed as skipped");
    run.budgetNotice("secrets were not looked for");
    expect(run.notices).toHaveLength(1);
    expect(run.notices[0]?.message).toMatch(/^Limit hit: the review read its limit of 10 bytes .*; files not read are listed as skipped\.$/);
  });

  it("reports progress to the caller's listener", () => {
    const seen: ReviewProgress[] = [];
    const run = startReviewRun({ config: parseRepoConfig({}), head: memorySource({}), base: memorySource({}), onProgress: (progress) => seen.push(progress) });
    run.progress("analyze", 1, 3);
    expect(seen).toEqual([{ stage: "analyze", done: 1, total: 3 }]);
  });
});
