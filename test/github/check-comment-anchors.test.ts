import { describe, expect, it } from "vitest";
import { parseFilePatch } from "../../src/diff/parse-file-patch.js";
import { checkCommentAnchors, fenceProblem } from "../../src/github/check-comment-anchors.js";
import type { ReviewComment } from "../../src/types.js";

const diff = [
  parseFilePatch({ path: "a.ts", status: "modified", patch: "@@ -1,3 +1,4 @@\n one\n+two\n three\n four\n@@ -10,2 +11,3 @@\n ten\n+eleven\n twelve" }),
  parseFilePatch({ path: "gone.ts", status: "removed", patch: "@@ -1 +0,0 @@\n-x" }),
];
const at = (path: string, line: number, startLine?: number, body = "text"): ReviewComment => ({ path, line, side: "RIGHT", body, fingerprint: "0".repeat(16), ...(startLine === undefined ? {} : { startLine }) });

describe("checkCommentAnchors", () => {
  it("accepts lines and ranges inside one hunk", () => {
    const comments = [at("a.ts", 2), at("a.ts", 4, 1), at("a.ts", 13, 11)];
    expect(checkCommentAnchors(comments, diff)).toEqual({ valid: comments, rejected: [] });
  });

  it("rejects ranges across hunks, lines outside hunks, deleted files and files not in the diff", () => {
    const { valid, rejected } = checkCommentAnchors([at("a.ts", 12, 3), at("a.ts", 8), at("gone.ts", 1), at("other.ts", 1), at("a.ts", 2, 3)], diff);
    expect(valid).toEqual([]);
    expect(rejected.map((r) => r.reason)).toEqual([
      "lines 3..12 of a.ts are not inside one hunk of the diff",
      "lines 8..8 of a.ts are not inside one hunk of the diff",
      "gone.ts is deleted in this pull request",
      "other.ts is not part of the diff",
      "invalid line range 3..2",
    ]);
  });

  it("rejects a suggestion fence no longer than a backtick run inside it", () => {
    expect(checkCommentAnchors([at("a.ts", 2, undefined, "Fix:\n```suggestion\nconst s = `a`;\n```")], diff).rejected).toEqual([]);
    const bad = at("a.ts", 2, undefined, "Fix:\n```suggestion\nconst md = '```';\n```");
    expect(checkCommentAnchors([bad], diff).rejected.map((r) => r.reason)).toEqual(["a suggestion fence of 3 backticks contains a run of 3"]);
  });
});

describe("fenceProblem", () => {
  it("accepts a longer fence and flags an unclosed block", () => {
    expect(fenceProblem("````suggestion\nconst md = '```';\n````")).toBeUndefined();
    expect(fenceProblem("```suggestion\nconst a = 1;")).toBe("a suggestion block is not closed");
  });
});
