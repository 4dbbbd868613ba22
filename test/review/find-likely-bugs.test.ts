import { describe, expect, it } from "vitest";
import type { SuspectRewrite } from "../../src/analyze/suspect-rewrites.js";
import { defaultRepoConfig } from "../../src/config/repo-config.js";
import { parseFilePatch } from "../../src/diff/parse-file-patch.js";
import { createScriptedGenerator } from "../../src/llm/scripted-generator.js";
import { findLikelyBugs } from "../../src/review/find-likely-bugs.js";

const TEXT = "export const f = (a: number, b: number): boolean => a < b;\n";
const FILES: Record<string, string> = { "src/a.ts": TEXT, "src/b.ts": TEXT, "src/a.test.ts": TEXT };
const diff = Object.keys(FILES).map((path) => parseFilePatch({ path, status: "added", patch: `@@ -0,0 +1 @@\n+${TEXT.trimEnd()}` }));

const rewritesOf = (): SuspectRewrite[] => {
  const start = TEXT.indexOf("<");
  return [{ kind: "off-by-one", start, end: start + 1, replacement: "<=", startLine: 1, endLine: 1, before: "a < b", after: "a <= b", site: 0 }];
};

function run(overrides: Partial<Parameters<typeof findLikelyBugs>[0]> = {}) {
  const generator = createScriptedGenerator({ answers: {}, scores: ({ continuations }) => continuations.map((_, i) => (i === 0 ? -10 : -2)) });
  return findLikelyBugs({
    generator,
    diff,
    headText: (path) => FILES[path],
    modelText: (path) => FILES[path],
    knownPaths: new Set(Object.keys(FILES)),
    rewritesOf,
    config: defaultRepoConfig,
    ...overrides,
  });
}

describe("findLikelyBugs", () => {
  it("weighs the source files, not the tests, and reports each winning rewrite as an unverified warning", async () => {
    const result = await run();
    expect(result.findings.map((f) => [f.path, f.rule, f.severity, f.unverified])).toEqual([
      ["src/a.ts", "model/likely-bug", "warning", true],
      ["src/b.ts", "model/likely-bug", "warning", true],
    ]);
    expect(result.weighed).toBe(2);
    expect(result.notices).toEqual([]);
  });

  it("uses model.findingSeverity", async () => {
    const result = await run({ config: { ...defaultRepoConfig, model: { ...defaultRepoConfig.model, findingSeverity: "info" } } });
    expect(result.findings.every((f) => f.severity === "info")).toBe(true);
  });

  it("stops at its prompt-token budget and names the files it did not weigh", async () => {
    const result = await run({ tokenBudget: 1 });
    expect(result.findings.map((f) => f.path)).toEqual(["src/a.ts"]);
    expect(result.notices.map((n) => n.message)).toEqual(["The likelihood check stopped at its limits per review (40 rewrites, 1 prompt tokens); changed lines of src/b.ts were not (or not all) weighed."]);
  });

  it("stops at its rewrite limit and says so", async () => {
    const result = await run({ maxRewrites: 1 });
    expect(result.weighed).toBe(1);
    expect(result.notices.map((n) => n.message)).toEqual(["The likelihood check stopped at its limits per review (1 rewrites, 6,000 prompt tokens); changed lines of src/b.ts were not (or not all) weighed."]);
  });

  it("shows the model masked lines before a scored line, and leaves out rewrites whose lines hold a mask", async () => {
    const texts: Record<string, string> = { "src/a.ts": `const key = "sk-live";\n${TEXT}`, "src/b.ts": `${TEXT}const key = "sk-live";\n` };
    const maskedOf = (path: string): string | undefined => texts[path]?.replace("sk-live", "*******");
    const prefixes: string[] = [];
    const generator = createScriptedGenerator({ answers: {}, scores: ({ prefix, continuations }) => (prefixes.push(prefix), continuations.map((_, i) => (i === 0 ? -10 : -2))) });
    const at = (path: string): SuspectRewrite[] => {
      const text = texts[path] ?? "";
      const start = text.indexOf("<");
      const line = text.slice(0, start).split("\n").length;
      return [{ kind: "off-by-one", start, end: start + 1, replacement: "<=", startLine: line, endLine: line, before: "a < b", after: "a <= b", site: 0 }];
    };
    const result = await findLikelyBugs({ generator, diff: diff.slice(0, 2), headText: (path) => texts[path], modelText: maskedOf, knownPaths: new Set(Object.keys(texts)), rewritesOf: at, config: defaultRepoConfig });
    expect(result.findings.map((f) => f.path)).toEqual(["src/a.ts"]);
    expect(prefixes.join("")).toContain("*******");
    expect(prefixes.join("")).not.toContain("sk-live");
    expect(result.notices.map((n) => n.message)).toEqual(["The likelihood check left out 1 rewrite of src/b.ts: its lines hold a credential the model must not see."]);
  });
});
