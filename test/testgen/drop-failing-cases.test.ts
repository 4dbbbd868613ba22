import { describe, expect, it } from "vitest";
import { dropFailingCases, keepsCasesOf } from "../../src/testgen/drop-failing-cases.js";

const FILE = [
  'import assert from "node:assert/strict";', // 1
  'import { describe, it } from "node:test";', // 2
  'import { loadItems } from "./summary.js";', // 3
  "", // 4
  'describe("loadItems", () => {', // 5
  '  it("is an array", async () => {', // 6
  "    const items = await loadItems();", // 7
  "    assert.isArray(items);", // 8
  "  });", // 9
  "", // 10
  '  it("has the items", async () => {', // 11
  "    assert.deepStrictEqual(await loadItems(), []);", // 12
  "  });", // 13
  "});", // 14
  "", // 15
].join("\n");

describe("dropFailingCases", () => {
  it("removes the case an error points into and keeps the rest", () => {
    expect(dropFailingCases("s.test.ts", FILE, [8])).toBe(
      ['import assert from "node:assert/strict";', 'import { describe, it } from "node:test";', 'import { loadItems } from "./summary.js";', "", 'describe("loadItems", () => {', '  it("has the items", async () => {', "    assert.deepStrictEqual(await loadItems(), []);", "  });", "});", ""].join("\n"),
    );
  });

  it("removes a describe whose cases all fail, when another group has a good case", () => {
    const two = `${FILE}describe("other", () => {\n  it("fails", () => {\n    bad();\n  });\n});\n`;
    expect(dropFailingCases("s.test.ts", two, [18])).toBe(FILE);
  });

  it("gives up when an error is outside every case, or when no case would be left", () => {
    expect(dropFailingCases("s.test.ts", FILE, [3])).toBeUndefined();
    expect(dropFailingCases("s.test.ts", FILE, [8, 12])).toBeUndefined();
    expect(dropFailingCases("s.test.ts", FILE, [])).toBeUndefined();
    expect(dropFailingCases("s.test.ts", "it(", [1])).toBeUndefined();
  });
});

describe("dropFailingCases on a failed run's lines", () => {
  it("does not count the first line of a group that holds a failing case (node:test reports the describe as failed there)", () => {
    const expected = dropFailingCases("s.test.ts", FILE, [8]);
    expect(dropFailingCases("s.test.ts", FILE, [5, 6, 8], { runFailure: true })).toBe(expected);
    // For a compiler error the describe line is an error of its own: nothing to cut.
    expect(dropFailingCases("s.test.ts", FILE, [5, 8])).toBeUndefined();
  });

  it("still gives up when only a group's line is named (a hook failed, not a case)", () => {
    expect(dropFailingCases("s.test.ts", FILE, [5], { runFailure: true })).toBeUndefined();
  });
});

describe("keepsCasesOf", () => {
  it("holds when every case of the existing file is still there, whitespace aside", () => {
    const existing = 'it("a", () => {\n  assert.ok(1);\n});\n';
    expect(keepsCasesOf("s.test.ts", existing, `import x from "y";\n${existing.replace("  ", "    ")}it("b", () => {});\n`)).toBe(true);
    expect(keepsCasesOf("s.test.ts", existing, 'it("a", () => {\n  assert.ok(2);\n});\n')).toBe(false);
  });
});
