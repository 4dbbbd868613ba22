import { describe, expect, it } from "vitest";
import type { SuspectRewrite } from "../../src/analyze/suspect-rewrites.js";
import { describeLikelyBug, weighRewrites } from "../../src/review/likely-bugs.js";

const TEXT = ["export function f(xs: number[]): number {", "  let s = 0;", "  for (let i = 0; i <= xs.length; i++) s += xs[i];", "  return s;", "}", ""].join("\n");

function rewrite(site: number, kind: SuspectRewrite["kind"], find: string, replacement: string, after: string): SuspectRewrite {
  const start = TEXT.indexOf(find);
  return { kind, start, end: start + find.length, replacement, startLine: 3, endLine: 3, before: "i <= xs.length", after, site };
}

describe("weighRewrites", () => {
  it("scores each line's versions after the text before it, and reports the best rewrite of a site that wins by the threshold", async () => {
    const asked: { before: string; continuations: readonly string[] }[] = [];
    const rewrites = [rewrite(0, "off-by-one", "<=", "<", "i < xs.length"), rewrite(0, "inverted-condition", "<=", ">", "i > xs.length")];
    const result = await weighRewrites({
      text: TEXT,
      rewrites,
      threshold: 3,
      followingLines: 1,
      score: (textBefore, continuations) => {
        asked.push({ before: textBefore, continuations });
        return Promise.resolve([-10, -4, -20]);
      },
    });
    expect(asked).toHaveLength(1);
    expect(asked[0]?.before).toBe("export function f(xs: number[]): number {\n  let s = 0;\n");
    expect(asked[0]?.continuations).toEqual([
      "  for (let i = 0; i <= xs.length; i++) s += xs[i];\n  return s;\n",
      "  for (let i = 0; i < xs.length; i++) s += xs[i];\n  return s;\n",
      "  for (let i = 0; i > xs.length; i++) s += xs[i];\n  return s;\n",
    ]);
    expect(result.margins.map((m) => m.margin)).toEqual([6, -10]);
    expect(result.bugs).toHaveLength(1);
    expect(result.bugs[0]?.rewrite.after).toBe("i < xs.length");
    expect(result.bugs[0]?.line).toBe(3);
  });

  it("reports nothing when the code as written is as likely as its rewrites, or likelier", async () => {
    const result = await weighRewrites({ text: TEXT, rewrites: [rewrite(0, "off-by-one", "<=", "<", "i < xs.length")], threshold: 3, score: () => Promise.resolve([-5, -7.5]) });
    expect(result.bugs).toEqual([]);
  });
});

describe("describeLikelyBug", () => {
  it("names the code, the likelier rewrite and the odds, in words of the kind of slip", () => {
    const bug = { rewrite: rewrite(0, "off-by-one", "<=", "<", "i < xs.length"), line: 3, margin: 4 };
    expect(describeLikelyBug(bug)).toBe("Possible off-by-one in `i <= xs.length`; the model finds `i < xs.length` 55 times likelier here.");
    expect(describeLikelyBug({ ...bug, margin: 9 })).toContain("over 1,000 times likelier");
    expect(describeLikelyBug({ ...bug, rewrite: { ...bug.rewrite, kind: "missing-await", before: "save()", after: "await save()" } })).toMatch(/^`save\(\)` returns a promise that is not awaited/);
  });
});

describe("weighRewrites under a budget", () => {
  it("stops before a line when asked, and counts the rewrites it did not weigh", async () => {
    let calls = 0;
    const rewrites = [rewrite(0, "off-by-one", "<=", "<", "i < xs.length"), { ...rewrite(1, "off-by-one", "0", "1", "1"), start: TEXT.indexOf("return s"), end: TEXT.indexOf("return s") + 1 }];
    const result = await weighRewrites({
      text: TEXT,
      rewrites,
      threshold: 3,
      stop: () => calls >= 1,
      score: (_before, continuations) => {
        calls++;
        return Promise.resolve(continuations.map(() => -1));
      },
    });
    expect(calls).toBe(1);
    expect(result.unweighed).toBe(1);
    expect(result.margins).toHaveLength(1);
  });
});

describe("weighRewrites at the edit itself", () => {
  it("scores each version up to the rewritten code and the word after it, and drops a rewrite that wins only through the lines after", async () => {
    const asked: (readonly string[])[] = [];
    const weigh = (edit: number) =>
      weighRewrites({
        text: TEXT,
        rewrites: [rewrite(0, "off-by-one", "<=", "<", "i < xs.length")],
        threshold: 3,
        localThreshold: 0,
        followingLines: 0,
        score: (_before, continuations) => {
          asked.push(continuations);
          return Promise.resolve([-10, -4, -6, -6 + edit]);
        },
      });
    const losing = await weigh(-1);
    expect(asked[0]?.slice(2)).toEqual(["  for (let i = 0; i <= xs", "  for (let i = 0; i < xs"]);
    expect(losing.bugs).toEqual([]);
    expect(losing.margins[0]).toMatchObject({ margin: 6, local: -1 });
    const winning = await weigh(0.5);
    expect(winning.bugs.map((b) => b.local)).toEqual([0.5]);
  });
});
