import { describe, expect, it } from "vitest";
import { mergeIntoExisting } from "../../src/testgen/merge-into-existing.js";

const EXISTING = `import { inRange } from "../range";

describe("inRange", () => {
  test("includes both ends", () => {
    expect(inRange(1, 1, 3)).toBe(true);
  });
});
`;

describe("mergeIntoExisting", () => {
  it("keeps the existing file and adds the answer's new group and the names it imports", () => {
    const answer = `import { clamp } from "../range";\n\ndescribe("clamp", () => {\n  test("clamps", () => {\n    expect(clamp(5, 1, 3)).toBe(3);\n  });\n});\n`;
    expect(mergeIntoExisting("src/__tests__/range.test.ts", EXISTING, answer)).toBe(
      `import { inRange } from "../range";\nimport { clamp } from "../range";\n\ndescribe("inRange", () => {\n  test("includes both ends", () => {\n    expect(inRange(1, 1, 3)).toBe(true);\n  });\n});\n\ndescribe("clamp", () => {\n  test("clamps", () => {\n    expect(clamp(5, 1, 3)).toBe(3);\n  });\n});\n`,
    );
  });

  it("imports only the names the file does not bind, and adds no statement the file already has", () => {
    const answer = `import { inRange, clamp } from "../range";\n\n${EXISTING.split("\n").slice(2).join("\n")}\ntest("clamps", () => {\n  expect(clamp(5, 1, 3)).toBe(3);\n});\n`;
    const merged = mergeIntoExisting("a.test.ts", EXISTING, answer) ?? "";
    expect(merged).toContain('import { clamp } from "../range";');
    expect(merged.match(/includes both ends/g)).toHaveLength(1);
    expect(merged.trimEnd().endsWith('test("clamps", () => {\n  expect(clamp(5, 1, 3)).toBe(3);\n});')).toBe(true);
  });

  it("gives nothing back when the answer adds nothing or does not parse", () => {
    expect(mergeIntoExisting("a.test.ts", EXISTING, EXISTING)).toBeUndefined();
    expect(mergeIntoExisting("a.test.ts", EXISTING, "describe(")).toBeUndefined();
  });
});
