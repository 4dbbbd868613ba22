import { describe, expect, it } from "vitest";
import { parseUnifiedDiff } from "../../../src/diff/parse-unified-diff.js";
import { worthReviewing } from "../../../src/llm/findings/worth-reviewing.js";

function hunkOf(...lines: string[]) {
  const patch = ["diff --git a/a.ts b/a.ts", "--- a/a.ts", "+++ b/a.ts", `@@ -1,${lines.filter((l) => !l.startsWith("+")).length} +1,${lines.filter((l) => !l.startsWith("-")).length} @@`, ...lines, ""].join("\n");
  const hunk = parseUnifiedDiff(patch).files[0]?.hunks[0];
  if (!hunk) throw new Error("no hunk");
  return hunk;
}

describe("worthReviewing", () => {
  it("skips hunks of imports, re-exports, comments, blank lines and deleted code", () => {
    expect(worthReviewing(hunkOf(' import { a } from "./a.js";', '+import { b } from "./b.js";', '+import "./polyfill.js";', '+export { c } from "./c.js";', "+", "+// why this is here"))).toBe(false);
    expect(worthReviewing(hunkOf("+import {", "+  one,", "+  two,", '+} from "./many.js";'))).toBe(false);
    expect(worthReviewing(hunkOf(" const a = 1;", "-const b = a + 1;", "-console.log(b);"))).toBe(false);
  });

  it("skips a formatting change: the added lines are the deleted ones, re-spaced or re-quoted", () => {
    expect(worthReviewing(hunkOf("-const s = 'x';", '+const s = "x"', "-call(a,b);", "+call(a, b);"))).toBe(false);
  });

  it("reviews any added line of code, also after an import", () => {
    expect(worthReviewing(hunkOf('+import { b } from "./b.js";', "+export const total = b(1) + 1;"))).toBe(true);
    expect(worthReviewing(hunkOf("-const s = 'x';", "+const s = 'y';"))).toBe(true);
    expect(worthReviewing(hunkOf("+import {", "+  one,", '+} from "./many.js";', "+one();"))).toBe(true);
  });
});
