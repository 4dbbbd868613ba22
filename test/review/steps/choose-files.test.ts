import { describe, expect, it } from "vitest";
import { parseRepoConfig } from "../../../src/config/repo-config.js";
import { chooseFiles } from "../../../src/review/steps/choose-files.js";
import { startReviewRun } from "../../../src/review/steps/review-run.js";
import type { FileDiff } from "../../../src/types.js";
import { addedFileDiff, memorySource } from "../../helpers/memory-change.js";

const changed = (path: string, extra: Partial<FileDiff> = {}): FileDiff => ({ ...(addedFileDiff(path, "export const x = 1;\n")[0] as FileDiff), ...extra });

function runWith(config: unknown) {
  return startReviewRun({ config: parseRepoConfig(config), head: memorySource({}), base: memorySource({}) });
}

describe("chooseFiles", () => {
  it("keeps the scripts to analyse, lists skipped files with the reason, and passes over what is simply not code", () => {
    const run = runWith({});
    const chosen = chooseFiles(run, [
      changed("src/a.ts"),
      changed("src/gone.ts", { status: "removed" }),
      changed("logo.png", { status: "binary" }),
      changed("package-lock.json"),
      changed("notes.md"),
      changed("src/huge.ts", { noPatch: true }),
    ]);
    expect(chosen.map((file) => file.path)).toEqual(["src/a.ts"]);
    expect(run.skipped.map((s) => [s.path, s.reason.split(" (")[0]?.split(",")[0]])).toEqual([
      ["logo.png", "binary file"],
      ["package-lock.json", "lockfile"],
      ["src/huge.ts", "no diff available for this file"],
    ]);
    expect(run.notices).toEqual([]);
  });

  it("stops at limits.maxFiles and says how many were left out, once", () => {
    const run = runWith({ limits: { maxFiles: 2 } });
    const chosen = chooseFiles(run, ["a.ts", "b.ts", "c.ts", "d.ts"].map((path) => changed(path)));
    expect(chosen.map((file) => file.path)).toEqual(["a.ts", "b.ts"]);
    expect(run.skipped).toEqual([
      { path: "c.ts", reason: "over the limit of 2 files per review" },
      { path: "d.ts", reason: "over the limit of 2 files per review" },
    ]);
    expect(run.notices).toHaveLength(1);
    expect(run.notices[0]?.message).toMatch(/^Limit hit: 2 changed files were not analysed, over the limit of 2 files per review \(`limits.maxFiles`/);
  });
});
