import { describe, expect, it } from "vitest";
import { defaultRepoConfig, type RepoConfig } from "../../src/config/repo-config.js";
import { parseFilePatch } from "../../src/diff/parse-file-patch.js";
import { ownFindingsOff } from "../../src/llm/model-findings-choice.js";
import { createScriptedGenerator } from "../../src/llm/scripted-generator.js";
import type { ScriptedTransportOptions } from "../../src/llm/scripted-transport.js";
import { reviewChange } from "../../src/pipeline/review-change.js";
import { memorySource } from "../testgen/memory-source.js";

const TYPES = "export interface Box {\n  readonly width: number;\n  readonly height: number;\n  readonly depth: number;\n}\n";
const HEAD = [
  'import type { Box } from "./box.js";',
  "",
  "export function surface(box: Box): number {",
  "  const top = box.width * box.width;",
  "  return 2 * top;",
  "}",
  "",
].join("\n");
const PATCH = `@@ -0,0 +1,6 @@\n${HEAD.split("\n").slice(0, 6).map((line) => `+${line}`).join("\n")}`;

/** Log probabilities that favour `box.depth` in place of the second `box.width`, by `margin` nats. */
const favourDepth =
  (margin: number): NonNullable<ScriptedTransportOptions["scores"]> =>
  ({ continuations }) =>
    continuations.map((text) => (text.includes("box.width * box.depth") ? -10 + margin : -10));

function review(scores: ScriptedTransportOptions["scores"], config: RepoConfig = defaultRepoConfig) {
  const generator = Object.assign(Object.create(createScriptedGenerator({ answers: {}, ...(scores === undefined ? {} : { scores }) })) as ReturnType<typeof createScriptedGenerator>, { ownFindingsOff: ownFindingsOff("auto", false) ?? "" });
  return reviewChange({
    base: memorySource({ "src/box.ts": TYPES }),
    head: memorySource({ "src/box.ts": TYPES, "src/surface.ts": HEAD }),
    diff: [parseFilePatch({ path: "src/surface.ts", status: "added", patch: PATCH })],
    config: { ...config, checks: { ...config.checks, tests: false } },
    generator,
  });
}

describe("the likelihood check in a review", () => {
  it("reports a rewrite the model finds far likelier as an unverified warning on its line, with the imported module shown first; on a CPU too", async () => {
    const prefixes: string[] = [];
    const done = await review((request) => {
      prefixes.push(request.prefix);
      return favourDepth(5)(request);
    });
    const found = done.findings.filter((f) => f.rule === "model/likely-bug");
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ path: "src/surface.ts", line: 4, severity: "warning", unverified: true });
    expect(found[0]?.message).toContain("`box.width` may read the wrong property");
    expect(found[0]?.message).toContain("`box.depth`");
    expect(found[0]?.suggestion).toBeUndefined();
    expect(prefixes[0]).toContain("<|file_sep|>src/box.ts\nexport interface Box");
    expect(done.stats.model?.stages.findings?.calls).toBe(1);
  });

  it("reports nothing when the rewrites win by less than the margin", async () => {
    const done = await review(favourDepth(2));
    expect(done.findings.filter((f) => f.rule === "model/likely-bug")).toEqual([]);
  });

  it("says once that it did not run on a backend that cannot score, and the review goes on", async () => {
    const done = await review(undefined);
    expect(done.notices.filter((n) => n.message.startsWith("The likelihood check did not run"))).toHaveLength(1);
    expect(done.findings.some((f) => f.rule === "ts/TS2307" || f.rule.startsWith("model/"))).toBe(false);
  });

  it("is off with model.likelyBugs: false", async () => {
    const done = await review(favourDepth(9), { ...defaultRepoConfig, model: { ...defaultRepoConfig.model, likelyBugs: false } });
    expect(done.findings.filter((f) => f.rule === "model/likely-bug")).toEqual([]);
    expect(done.notices.some((n) => n.message.includes("likelihood check"))).toBe(false);
  });

  it("turns a scoring failure into a notice naming the file", async () => {
    const done = await review(() => {
      throw new Error("scoring broke");
    });
    expect(done.notices.map((n) => n.message)).toContain("The likelihood check could not weigh the lines of src/surface.ts: scoring broke The rest of the review still ran.");
  });
});
