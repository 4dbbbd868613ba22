import { describe, expect, it } from "vitest";
import { defaultRepoConfig } from "../../src/config/repo-config.js";
import { buildScanDiff, NOT_SCRIPT } from "../../src/scan/build-scan-diff.js";
import type { FileSource, ReadResult } from "../../src/types.js";

function memorySource(files: Record<string, string | ReadResult>): FileSource {
  return {
    description: "memory",
    listPaths: () => Promise.resolve(Object.keys(files)),
    readText: (path) => {
      const value = files[path];
      if (value === undefined) return Promise.resolve({ kind: "missing" });
      return Promise.resolve(typeof value === "string" ? { kind: "text", text: value } : value);
    },
  };
}

describe("buildScanDiff", () => {
  it("adds every script file in full, one hunk per part, every line an added line", async () => {
    const lines = Array.from({ length: 5 }, (_, i) => `const v${i} = ${i};`);
    const { diff } = await buildScanDiff({ source: memorySource({ "src/a.ts": `${lines.join("\r\n")}\r\n` }), config: defaultRepoConfig, hunkLines: 2 });
    expect(diff).toHaveLength(1);
    const file = diff[0]!;
    expect(file).toMatchObject({ path: "src/a.ts", status: "added", noPatch: false });
    expect(file.hunks.map((h) => [h.header, h.newStart, h.newLines])).toEqual([
      ["@@ -0,0 +1,2 @@", 1, 2],
      ["@@ -0,0 +3,2 @@", 3, 2],
      ["@@ -0,0 +5,1 @@", 5, 1],
    ]);
    expect(file.hunks.flatMap((h) => h.lines)).toEqual(lines.map((content, i) => ({ kind: "add", content, newLine: i + 1 })));
  });

  it("counts other languages, lockfiles, vendored, generated and ignored files by reason, and lists unreadable scripts", async () => {
    const source = memorySource({
      "README.md": "# r",
      "docs/a.md": "a",
      "package-lock.json": "{}",
      "dist/index.js": "x",
      "vendor/lib.js": "x",
      "scripts/gen.ts": "x",
      "src/empty.ts": "",
      "src/huge.ts": { kind: "skipped", reason: "src/huge.ts is 2.0 MB, over the 1.0 MB limit" },
      "src/ok.ts": "export const ok = 1;\n",
    });
    const result = await buildScanDiff({ source, config: { include: ["**/*"], ignore: ["scripts/**"] } });
    expect(result.diff.map((d) => d.path)).toEqual(["src/ok.ts"]);
    expect(result.skipped).toEqual([{ path: "src/huge.ts", reason: "src/huge.ts is 2.0 MB, over the 1.0 MB limit" }]);
    expect(result.excluded).toEqual([
      { reason: NOT_SCRIPT, count: 3 },
      { reason: "generated file (in dist/)", count: 1 },
      { reason: "matches ignore pattern `scripts/**` in .github/patchsmith.yml", count: 1 },
      { reason: "vendored dependency (in vendor/)", count: 1 },
    ]);
  });

  it("keeps the most important files under the limit (source before tests) and counts the rest", async () => {
    const source = memorySource({ "src/a.test.ts": "t\n", "src/b.ts": "b\n", "test/c.ts": "c\n", "src/d.ts": "d\n" });
    const result = await buildScanDiff({ source, config: defaultRepoConfig, maxFiles: 3 });
    expect(result.diff.map((d) => d.path)).toEqual(["src/b.ts", "src/d.ts", "src/a.test.ts"]);
    expect(result.excluded).toEqual([{ reason: "over the scan's limit of 3 analysed files (PATCHSMITH_SCAN_MAX_ANALYSED_FILES; tests are left out first)", count: 1 }]);
  });
});
