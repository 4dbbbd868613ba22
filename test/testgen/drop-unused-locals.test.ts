import { describe, expect, it } from "vitest";
import { dropUnusedLocals } from "../../src/testgen/drop-unused-locals.js";

describe("dropUnusedLocals", () => {
  it("keeps the call of a variable never read, as a statement", () => {
    const code = [
      'import { loadItems, cartSummary } from "./summary.js";',
      'it("sums", async () => {',
      "  const items = await loadItems();",
      "  const summary = await cartSummary();",
      '  assert.strictEqual(summary, "3 items");',
      "});",
      "",
    ].join("\n");
    expect(dropUnusedLocals("a.test.ts", code)).toBe(code.replace("const items = await loadItems();", "await loadItems();"));
  });

  it("removes a variable whose value does nothing, with its line", () => {
    const code = 'it("x", () => {\n  const expected = 200;\n  const fn = () => sideEffect();\n  assert.ok(true);\n});\n';
    expect(dropUnusedLocals("a.test.ts", code)).toBe('it("x", () => {\n  assert.ok(true);\n});\n');
  });

  it("trims unused imported names and drops an import left with none", () => {
    const code = 'import { describe, it, beforeEach } from "node:test";\nimport { unused } from "./x.js";\nimport "./setup.js";\ndescribe("d", () => { it("i", () => undefined); });\n';
    expect(dropUnusedLocals("a.test.ts", code)).toBe('import { describe, it } from "node:test";\nimport "./setup.js";\ndescribe("d", () => { it("i", () => undefined); });\n');
  });

  it("leaves alone what is read, exported, destructured, shadowed or namespace-imported", () => {
    const code = [
      'import * as fs from "node:fs";',
      "export const shared = 1;",
      "const { a } = { a: 1 };",
      "const used = 2;",
      "function f(used: number) { return used; }",
      "f(used);",
      "",
    ].join("\n");
    expect(dropUnusedLocals("a.test.ts", code)).toBe(code);
  });

  it("leaves a file that does not parse as it is", () => {
    const code = "const x = ;\nit(";
    expect(dropUnusedLocals("a.test.ts", code)).toBe(code);
  });
});
