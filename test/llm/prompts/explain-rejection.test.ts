import { describe, expect, it } from "vitest";
import { explainRejection } from "../../../src/llm/prompts/explain-rejection.js";

describe("explainRejection", () => {
  it("shows the first lines the model sent and the line each error points at", () => {
    const sent = '```typescript\nimport { add } from "./math.js";\ntest("adds", () => expect(add(1, 2)).toBe(3));\n```';
    const reasons = ["src/math.test.ts:1:1 TS1109: Expression expected.", "line 2: it imports \"./nope.js\", which is not a file of the repository", "it defines no test case"];
    expect(explainRejection({ sent, reasons, path: "src/math.test.ts" })).toEqual([
      'what you sent begins with:\n1 | ```typescript\n2 | import { add } from "./math.js";\n3 | test("adds", () => expect(add(1, 2)).toBe(3));',
      "src/math.test.ts:1:1 TS1109: Expression expected.\n  line 1 is: ```typescript",
      'line 2: it imports "./nope.js", which is not a file of the repository\n  line 2 is: import { add } from "./math.js";',
      "it defines no test case",
    ]);
  });

  it("counts lines in the patched file for a fix, and keeps only the first errors", () => {
    const reasons = Array.from({ length: 8 }, (_, i) => `src/a.ts:2:${i + 1} TS2322: Type 'number' is not assignable to type 'string'.`);
    const out = explainRejection({ sent: "const b: string = 2;", file: "const a = 1;\nconst b: string = 2;\n", reasons, path: "src/a.ts", showStart: false });
    expect(out[0]).toBe("src/a.ts:2:1 TS2322: Type 'number' is not assignable to type 'string'.\n  line 2 is: const b: string = 2;");
    expect(out).toHaveLength(6 + 1);
    expect(out.at(-1)).toBe("(2 more errors not shown)");
  });
});
