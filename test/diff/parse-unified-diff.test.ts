import { describe, expect, it } from "vitest";
import { parseUnifiedDiff } from "../../src/diff/parse-unified-diff.js";
import type { FileDiff } from "../../src/types.js";
import { readPatchFixture } from "./read-patch-fixture.js";

function onlyFile(text: string): FileDiff {
  const { files, problems } = parseUnifiedDiff(text);
  expect(problems).toEqual([]);
  expect(files).toHaveLength(1);
  const [file] = files;
  if (!file) throw new Error("no file");
  return file;
}

describe("parseUnifiedDiff", () => {
  it("reads a rename with changes, keeping both paths and numbering both sides", () => {
    const file = onlyFile(readPatchFixture("rename-with-changes.diff"));
    expect(file).toMatchObject({ path: "src/new-name.ts", oldPath: "src/old-name.ts", status: "renamed", noPatch: false });
    expect(file.hunks).toHaveLength(1);
    const [hunk] = file.hunks;
    expect(hunk).toMatchObject({ oldStart: 2, oldLines: 7, newStart: 2, newLines: 7, header: "@@ -2,7 +2,7 @@ export const r1 = 1;" });
    expect(hunk?.lines[3]).toEqual({ kind: "del", content: "export const r5 = 5;", oldLine: 5 });
    expect(hunk?.lines[4]).toEqual({ kind: "add", content: "export const r5 = 55;", newLine: 5 });
    expect(hunk?.lines[0]).toEqual({ kind: "context", content: "export const r2 = 2;", oldLine: 2, newLine: 2 });
  });

  it("reads a pure rename (similarity 100%) as a renamed file without a patch", () => {
    expect(onlyFile(readPatchFixture("rename-pure.diff"))).toEqual({
      path: "lib/same.ts",
      oldPath: "src/same.ts",
      status: "renamed",
      hunks: [],
      noPatch: true,
    });
  });

  it("reads a deleted file under its old path with only old-side line numbers", () => {
    const file = onlyFile(readPatchFixture("deleted-file.diff"));
    expect(file).toMatchObject({ path: "src/gone.ts", status: "removed", noPatch: false });
    expect(file.oldPath).toBeUndefined();
    expect(file.hunks[0]?.lines).toEqual([
      { kind: "del", content: "export const gone = 1;", oldLine: 1 },
      { kind: "del", content: "export const alsoGone = 2;", oldLine: 2 },
    ]);
  });

  it("reads a new file whose hunk is @@ -0,0 +1,3 @@", () => {
    const file = onlyFile(readPatchFixture("new-file.diff"));
    expect(file).toMatchObject({ path: "src/added.ts", status: "added" });
    expect(file.hunks[0]).toMatchObject({ oldStart: 0, oldLines: 0, newStart: 1, newLines: 3 });
    expect(file.hunks[0]?.lines.map((line) => line.newLine)).toEqual([1, 2, 3]);
    expect(file.hunks[0]?.lines.every((line) => line.kind === "add")).toBe(true);
  });

  it("reads binary files (\"Binary files ... differ\" and GIT binary patch) as binary without a patch", () => {
    const { files, problems } = parseUnifiedDiff(readPatchFixture("binary.diff"));
    expect(problems).toEqual([]);
    expect(files).toEqual([
      { path: "assets/logo.png", status: "binary", hunks: [], noPatch: true },
      { path: "assets/new.png", status: "binary", hunks: [], noPatch: true },
    ]);
  });

  it("drops \"\\ No newline at end of file\" markers instead of counting them as lines", () => {
    const file = onlyFile(readPatchFixture("no-newline-at-eof.diff"));
    expect(file.hunks[0]?.lines).toEqual([
      { kind: "context", content: "const a = 1;", oldLine: 1, newLine: 1 },
      { kind: "del", content: "const b = 2;", oldLine: 2 },
      { kind: "add", content: "const b = 3;", newLine: 2 },
    ]);
  });

  it("strips the CR of CRLF file content", () => {
    const file = onlyFile(readPatchFixture("crlf-content.diff"));
    expect(readPatchFixture("crlf-content.diff")).toContain("\r\n");
    expect(file.hunks[0]?.lines.map((line) => line.content)).toEqual(["a", "b", "B", "c"]);
  });

  it("reads a diff saved with CRLF line endings like the same diff with LF", () => {
    const text = readPatchFixture("pull-request.diff");
    expect(parseUnifiedDiff(text.replace(/\n/g, "\r\n"))).toEqual(parseUnifiedDiff(text));
  });

  it("numbers the lines of several hunks independently", () => {
    const file = onlyFile(readPatchFixture("several-hunks.diff"));
    expect(file.hunks.map((hunk) => [hunk.newStart, hunk.newLines])).toEqual([
      [1, 6],
      [32, 8],
    ]);
    const second = file.hunks[1]?.lines ?? [];
    expect(second.find((line) => line.content === "const extra = 1;")).toEqual({ kind: "add", content: "const extra = 1;", newLine: 36 });
    expect(second.at(-1)).toEqual({ kind: "context", content: "const v38 = 38;", oldLine: 38, newLine: 39 });
  });

  it("reads a hunk that starts at line 1 of a modified file", () => {
    const file = onlyFile(readPatchFixture("hunk-at-line-1.diff"));
    expect(file).toMatchObject({ path: "src/math.ts", status: "modified" });
    expect(file.hunks[0]?.lines[0]).toEqual({ kind: "add", content: "// header comment", newLine: 1 });
    expect(file.hunks[0]?.lines[1]).toEqual({ kind: "context", content: "export function add(a: number, b: number) {", oldLine: 1, newLine: 2 });
  });

  it("unquotes C-quoted paths and reads names with spaces", () => {
    const { files } = parseUnifiedDiff(readPatchFixture("quoted-paths.diff"));
    expect(files.map((file) => file.path)).toEqual(["src/café.ts", "src/my file.ts"]);
    expect(files.map((file) => file.status)).toEqual(["modified", "modified"]);
  });

  it("does not take diff lines inside a hunk for file headers", () => {
    const file = onlyFile(readPatchFixture("nested-diff.diff"));
    expect(file).toMatchObject({ path: "rename.diff", status: "added" });
    expect(file.hunks[0]?.lines).toHaveLength(30);
    expect(file.hunks[0]?.lines[0]?.content).toBe('diff --git "a/src/caf\\303\\251.ts" "b/src/caf\\303\\251.ts"');
  });

  it("reads a whole pull request's diff", () => {
    const { files, problems } = parseUnifiedDiff(readPatchFixture("pull-request.diff"));
    expect(problems).toEqual([]);
    expect(files.map((file) => `${file.status} ${file.path}`)).toEqual([
      "binary assets/logo.png",
      "renamed lib/same.ts",
      "added src/added.ts",
      "modified src/crlf.ts",
      "removed src/gone.ts",
      "modified src/many.ts",
      "modified src/math.ts",
      "added src/new-name.ts",
      "modified src/noeol.ts",
      "removed src/old-name.ts",
      "modified src/café.ts",
      "modified src/my file.ts",
      "renamed src/new-name.ts",
    ]);
  });

  it("reports each malformed section with its file and reads the others", () => {
    const { files, problems } = parseUnifiedDiff(readPatchFixture("malformed.diff"));
    expect(files.map((file) => file.path)).toEqual(["src/first.ts", "src/last.ts"]);
    expect(files[1]?.hunks[0]?.lines.map((line) => line.newLine)).toEqual([5, 6, 7, 8]);
    expect(problems.map((problem) => problem.path)).toEqual(["src/short-hunk.ts", "src/garbage-line.ts"]);
    expect(problems[0]?.message).toMatch(/src\/short-hunk\.ts.*declares 4 old and 6 new lines, but the text ends after 3.*git diff/);
    expect(problems[1]?.message).toMatch(/line 23 .*starts with neither/);
  });

  it("reports a hunk with more lines than its header declares", () => {
    const text = "diff --git a/x.ts b/x.ts\n--- a/x.ts\n+++ b/x.ts\n@@ -1,1 +1,1 @@\n-a\n+b\n+c\n";
    const { files, problems } = parseUnifiedDiff(text);
    expect(files).toEqual([]);
    expect(problems).toEqual([{ path: "x.ts", message: expect.stringMatching(/more lines than its header declares \(line 7\)/) as unknown }]);
  });

  it("reports ---/+++ headers without any hunk", () => {
    const { problems } = parseUnifiedDiff("diff --git a/x.ts b/x.ts\n--- a/x.ts\n+++ b/x.ts\n+orphan\n");
    expect(problems[0]?.message).toMatch(/x\.ts.*line 4 comes after the \+\+\+ line/);
  });

  it("reads plain diff -u output without diff --git lines", () => {
    const text = "--- a/one.ts\t2024-01-01 00:00:00\n+++ b/one.ts\t2024-01-02 00:00:00\n@@ -1 +1 @@\n--- not a header\n+++ not a header\n--- b/two.ts\n+++ b/two.ts\n@@ -1 +1,2 @@\n x\n+y\n";
    const { files, problems } = parseUnifiedDiff(text);
    expect(problems).toEqual([]);
    expect(files.map((file) => file.path)).toEqual(["one.ts", "two.ts"]);
    expect(files[0]?.hunks[0]?.lines).toEqual([
      { kind: "del", content: "-- not a header", oldLine: 1 },
      { kind: "add", content: "++ not a header", newLine: 1 },
    ]);
  });

  it("reads a mode change as a modified file without a patch and ignores text before the first file", () => {
    const text = "commit 0123\nAuthor: someone\n\n    message\n\ndiff --git a/run.sh b/run.sh\nold mode 100644\nnew mode 100755\n";
    expect(parseUnifiedDiff(text)).toEqual({ files: [{ path: "run.sh", status: "modified", hunks: [], noPatch: true }], problems: [] });
  });

  it("ends the last hunk at a format-patch signature", () => {
    const text = "diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n-a\n+b\n-- \n2.43.0\n\n";
    const file = onlyFile(text);
    expect(file.hunks[0]?.lines).toHaveLength(2);
  });

  it("reports a combined merge diff as unsupported", () => {
    const { files, problems } = parseUnifiedDiff("diff --cc src/x.ts\nindex 1,2..3\n@@@ -1,1 -1,1 +1,1 @@@\n- a\n +b\n");
    expect(files).toEqual([]);
    expect(problems[0]).toMatchObject({ path: "src/x.ts", message: expect.stringMatching(/combined diff/) as unknown });
  });

  it("never throws, and says what to pass when the text is not a diff", () => {
    expect(parseUnifiedDiff("")).toEqual({ files: [], problems: [] });
    expect(parseUnifiedDiff("  \n\n")).toEqual({ files: [], problems: [] });
    expect(parseUnifiedDiff("hello world").problems).toEqual([{ message: expect.stringMatching(/not a diff.*git diff/) as unknown }]);
  });

  it.each([
    ["a section that names no file", "diff --git a/ b/\n@@ -1 +1 @@\n-a\n+b\n", undefined, /section at line 1: it names no file/],
    ["an empty hunk", "diff --git a/x b/x\n@@ -0,0 +0,0 @@\n", "x", /is empty/],
    ["a no-newline marker before any line", "diff --git a/x b/x\n@@ -1 +1 @@\n\\ x\n", "x", /marker comes before any line/],
    ["absurd line numbers", "--- a/x\n+++ b/x\n@@ -99999999999999999999 +1 @@\n+x\n", "x", /too large/],
    ["overlapping hunks", "diff --git a/x b/x\n@@ -1,2 +1,2 @@\n a\n-b\n+c\n@@ -1,1 +1,1 @@\n-a\n+b\n", "x", /line 6 overlaps/],
    ["old line 0 with old lines", "diff --git a/x b/x\n@@ -0,2 +1,2 @@\n-a\n+b\n", "x", /old line 0/],
    ["a section cut off inside its hunk", "diff --git a/x b/x\n@@ -1,3 +1,3 @@\n a\n", "x", /ends after 1/],
  ])("reports %s", (_name, text, path, message) => {
    const { files, problems } = parseUnifiedDiff(text);
    expect(files).toEqual([]);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.path).toBe(path);
    expect(problems[0]?.message).toMatch(message);
  });
});
