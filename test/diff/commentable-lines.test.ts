import { describe, expect, it } from "vitest";
import { addedLines, commentableLines, findHunkForRange } from "../../src/diff/commentable-lines.js";
import { parseFilePatch } from "../../src/diff/parse-file-patch.js";
import { parseUnifiedDiff } from "../../src/diff/parse-unified-diff.js";
import { readPatchFixture } from "./read-patch-fixture.js";

// Hunks cover new lines 1-6 and 32-39; the change added lines 3, 35 and 36.
const file = parseFilePatch({ path: "src/many.ts", status: "modified", patch: readPatchFixture("github/several-hunks.patch") });

describe("commentableLines", () => {
  it("holds every added and context line of every hunk, and nothing between hunks", () => {
    expect([...commentableLines(file)]).toEqual([1, 2, 3, 4, 5, 6, 32, 33, 34, 35, 36, 37, 38, 39]);
  });

  it("holds nothing for a deleted file (its lines are all on the left side)", () => {
    const [deleted] = parseUnifiedDiff(readPatchFixture("deleted-file.diff")).files;
    if (!deleted) throw new Error("fixture has no file");
    expect(commentableLines(deleted).size).toBe(0);
    expect(findHunkForRange(deleted, 1, 1)).toBeUndefined();
  });
});

describe("addedLines", () => {
  it("holds only added lines", () => {
    expect([...addedLines(file)]).toEqual([3, 35, 36]);
  });
});

describe("findHunkForRange", () => {
  it("finds the hunk holding a single line or a range", () => {
    expect(findHunkForRange(file, 3, 3)?.newStart).toBe(1);
    expect(findHunkForRange(file, 1, 6)?.newStart).toBe(1);
    expect(findHunkForRange(file, 35, 39)?.newStart).toBe(32);
  });

  it("rejects a range across two hunks", () => {
    expect(findHunkForRange(file, 5, 33)).toBeUndefined();
    expect(findHunkForRange(file, 6, 32)).toBeUndefined();
  });

  it("rejects ranges that leave the hunk or are not ranges", () => {
    expect(findHunkForRange(file, 7, 7)).toBeUndefined();
    expect(findHunkForRange(file, 38, 40)).toBeUndefined();
    expect(findHunkForRange(file, 0, 1)).toBeUndefined();
    expect(findHunkForRange(file, 4, 3)).toBeUndefined();
    expect(findHunkForRange(file, 1.5, 2)).toBeUndefined();
  });
});
