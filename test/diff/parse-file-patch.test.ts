import { describe, expect, it } from "vitest";
import { MalformedPatchError } from "../../src/diff/malformed-patch-error.js";
import { parseFilePatch } from "../../src/diff/parse-file-patch.js";
import { readPatchFixture } from "./read-patch-fixture.js";

describe("parseFilePatch", () => {
  it("reads GitHub's header-less patch with several hunks", () => {
    const file = parseFilePatch({ path: "src/many.ts", status: "modified", patch: readPatchFixture("github/several-hunks.patch") });
    expect(file).toMatchObject({ path: "src/many.ts", status: "modified", noPatch: false });
    expect(file.oldPath).toBeUndefined();
    expect(file.hunks.map((hunk) => hunk.header)).toEqual(["@@ -1,6 +1,6 @@", "@@ -32,7 +32,8 @@ const v31 = 31;"]);
    expect(file.hunks[1]?.lines.filter((line) => line.kind === "add").map((line) => line.newLine)).toEqual([35, 36]);
  });

  it("drops no-newline markers (GitHub's patch has no final newline)", () => {
    const file = parseFilePatch({ path: "src/noeol.ts", status: "modified", patch: readPatchFixture("github/no-newline-at-eof.patch") });
    expect(file.hunks[0]?.lines.map((line) => `${line.kind}:${line.content}`)).toEqual(["context:const a = 1;", "del:const b = 2;", "add:const b = 3;"]);
  });

  it("has no hunks and noPatch when GitHub omits the patch (binary or too large)", () => {
    expect(parseFilePatch({ path: "logo.png", status: "modified" })).toEqual({ path: "logo.png", status: "modified", hunks: [], noPatch: true });
    expect(parseFilePatch({ path: "empty.ts", status: "added", patch: "" })).toMatchObject({ noPatch: true });
  });

  it("keeps the previous path of renames and copies, and maps GitHub's statuses", () => {
    expect(parseFilePatch({ path: "b.ts", previousPath: "a.ts", status: "renamed" })).toMatchObject({ path: "b.ts", oldPath: "a.ts", status: "renamed" });
    expect(parseFilePatch({ path: "c.ts", previousPath: "a.ts", status: "copied" })).toMatchObject({ oldPath: "a.ts", status: "added" });
    expect(parseFilePatch({ path: "x.sh", status: "changed" }).status).toBe("modified");
    expect(parseFilePatch({ path: "x.ts", status: "removed" }).status).toBe("removed");
    expect(parseFilePatch({ path: "x.ts", status: "something-new" }).status).toBe("modified");
    expect(parseFilePatch({ path: "x.ts", previousPath: "x.ts", status: "modified" }).oldPath).toBeUndefined();
  });

  it("reads CRLF patches", () => {
    const file = parseFilePatch({ path: "w.ts", status: "modified", patch: "@@ -1,2 +1,2 @@\r\n a\r\n-b\r\n+c\r\n" });
    expect(file.hunks[0]?.lines.map((line) => line.content)).toEqual(["a", "b", "c"]);
  });

  it("throws MalformedPatchError naming the path when the counts do not match the lines", () => {
    const patch = readPatchFixture("github/count-mismatch.patch");
    expect(() => parseFilePatch({ path: "src/bad.ts", status: "modified", patch })).toThrow(MalformedPatchError);
    try {
      parseFilePatch({ path: "src/bad.ts", status: "modified", patch });
    } catch (error) {
      expect(error).toBeInstanceOf(MalformedPatchError);
      const malformed = error as MalformedPatchError;
      expect(malformed.name).toBe("MalformedPatchError");
      expect(malformed.path).toBe("src/bad.ts");
      expect(malformed.message).toMatch(/^The patch for src\/bad\.ts is malformed: the hunk "@@ -1,3 \+1,5 @@" at line 1 declares 3 old and 5 new lines/);
    }
  });

  it.each([
    ["text before the first hunk", "--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n"],
    ["a line that is not part of the hunk", "@@ -1,2 +1,2 @@\n a\n?b\n"],
    ["too many lines", "@@ -1 +1 @@\n-a\n+b\n+c\n"],
  ])("throws on %s", (_name, patch) => {
    expect(() => parseFilePatch({ path: "x.ts", status: "modified", patch })).toThrow(/The patch for x\.ts is malformed/);
  });
});
