import { describe, expect, it } from "vitest";
import { parseFilePatch } from "../../../src/diff/parse-file-patch.js";
import { formatHunk } from "../../../src/llm/prompts/format-hunk.js";

describe("formatHunk", () => {
  const file = parseFilePatch({ path: "a.ts", status: "modified", patch: "@@ -3,3 +3,3 @@\n c\n-d\n+D\n e" });
  const hunk = file.hunks[0];
  const lines = ["a", "b", "c", "D", "e", "f", "g"];

  it("numbers new-side lines, marks additions and shows deletions without a number", () => {
    if (hunk === undefined) throw new Error("no hunk");
    expect(formatHunk(hunk, undefined, 0)).toBe(["@@ -3,3 +3,3 @@", "3 | c", "  |-d", "4 |+D", "5 | e"].join("\n"));
  });

  it("adds context lines from the file around the hunk", () => {
    if (hunk === undefined) throw new Error("no hunk");
    expect(formatHunk(hunk, lines, 2)).toBe(["1 | a", "2 | b", "@@ -3,3 +3,3 @@", "3 | c", "  |-d", "4 |+D", "5 | e", "6 | f", "7 | g"].join("\n"));
  });
});
