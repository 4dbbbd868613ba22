import { describe, expect, it } from "vitest";
import { threadCode } from "../../src/commands/thread-code.js";
import { parseFilePatch } from "../../src/diff/parse-file-patch.js";

const file = parseFilePatch({
  path: "src/greet.ts",
  status: "modified",
  patch: ["@@ -1,3 +1,4 @@", " export function greet(name: string): string {", '-  return "hi " + name;', "+  const unused = 1;", "+  return `hi ${name}`;", " }"].join("\n"),
});

describe("threadCode", () => {
  it("reads new-side lines for a RIGHT thread and old-side lines for a LEFT one", () => {
    expect(threadCode(file, { startLine: 2, endLine: 3, side: "RIGHT" })).toBe("  const unused = 1;\n  return `hi ${name}`;");
    expect(threadCode(file, { startLine: 2, endLine: 2, side: "LEFT" })).toBe('  return "hi " + name;');
  });

  it("is undefined when a line is not in the diff", () => {
    expect(threadCode(file, { startLine: 4, endLine: 6, side: "RIGHT" })).toBeUndefined();
  });
});
