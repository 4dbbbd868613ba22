import { describe, expect, it } from "vitest";
import type { TestsOutput, WriteTestsRequest } from "../../src/llm/generator.js";
import { createScriptedGenerator } from "../../src/llm/scripted-generator.js";
import { generateModuleTest } from "../../src/testgen/generate-module-test.js";

const request: WriteTestsRequest = { path: "src/summary.ts", symbol: "cartSummary", sourceText: "export const cartSummary = () => 'x';\n", testPath: "src/summary.test.ts", framework: "node:test" };
const WITH_UNUSED = 'import { it } from "node:test";\nimport { loadItems, cartSummary } from "./summary.js";\nit("s", async () => {\n  const items = await loadItems();\n  cartSummary();\n});\n';
const WRONG = 'import { it } from "node:test";\nimport { cartSummary } from "./summary.js";\nit("s", () => {\n  expect(cartSummary()).toBe("x");\n});\n';

describe("generateModuleTest", () => {
  it("validates a new file without the variables it never reads (no repair call for that)", async () => {
    const generator = createScriptedGenerator({ answers: { tests: [{ code: WITH_UNUSED }] } });
    const seen: string[] = [];
    const outcome = await generateModuleTest({
      generator,
      request,
      validate: (answer: TestsOutput) => {
        seen.push(answer.code);
        return Promise.resolve({ ok: !answer.code.includes("const items"), reasons: ["unused items"], covered: ["cartSummary"] });
      },
      maxAttempts: 3,
      temperature: 0,
    });
    expect(outcome.kind).toBe("valid");
    expect(outcome.attempts).toBe(1);
    expect(seen[0]).toContain("  await loadItems();\n");
  });

  it("stops when the model answers a repair with the file it was told was wrong", async () => {
    const generator = createScriptedGenerator({ answers: { tests: [{ code: WRONG }, { code: WRONG }, { code: WRONG.replace("expect(cartSummary()).toBe", "assert.strictEqual(cartSummary(), ") }] } });
    const outcome = await generateModuleTest({
      generator,
      request,
      validate: () => Promise.resolve({ ok: false, reasons: ["it calls `expect`, which node:test does not have"], covered: [] }),
      maxAttempts: 3,
      temperature: 0,
    });
    expect(generator.calls).toHaveLength(2);
    expect(outcome).toMatchObject({ kind: "rejected", attempts: 2 });
    expect(outcome.kind === "rejected" ? outcome.reasons.at(-1) : "").toMatch(/unchanged/);
  });
});

describe("generateModuleTest keeps the good cases of a file the model cannot repair", () => {
  const TWO_CASES = 'import assert from "node:assert/strict";\nimport { it } from "node:test";\nimport { cartSummary } from "./summary.js";\n\nit("bad", () => {\n  assert.isString(cartSummary());\n});\n\nit("good", () => {\n  assert.strictEqual(cartSummary(), "x");\n});\n';
  it("validates the file without the case its error points into, before asking for a repair", async () => {
    const generator = createScriptedGenerator({ answers: { tests: [{ code: TWO_CASES }] } });
    const outcome = await generateModuleTest({
      generator,
      request,
      validate: (answer: TestsOutput) => {
        const bad = answer.code.includes("isString");
        return Promise.resolve({ ok: !bad, reasons: bad ? ["src/summary.test.ts:6:10 TS2339: Property 'isString' does not exist"] : [], covered: ["cartSummary"], ...(bad ? { errorLines: [6] } : {}) });
      },
      maxAttempts: 3,
      temperature: 0,
    });
    expect(generator.calls).toHaveLength(1);
    expect(outcome).toMatchObject({ kind: "valid", attempts: 1 });
    expect(outcome.kind === "valid" ? outcome.answer.code : "").not.toContain('it("bad"');
    expect(outcome.kind === "valid" ? outcome.answer.cases.map((c) => c.name) : []).toEqual(["good"]);
  });

  it("cuts a failing case the model added to an existing test file, keeping the file's own cases", async () => {
    const existing = 'import assert from "node:assert/strict";\nimport { it } from "node:test";\nimport { cartSummary } from "./summary.js";\n\nit("old", () => {\n  assert.ok(cartSummary());\n});\n';
    const extended = `${existing}\nit("new bad", () => {\n  assert.isString(cartSummary());\n});\n\nit("new good", () => {\n  assert.strictEqual(cartSummary(), "x");\n});\n`;
    const generator = createScriptedGenerator({ answers: { tests: [{ code: extended }] } });
    const outcome = await generateModuleTest({
      generator,
      request: { ...request, existingTestText: existing },
      validate: (answer: TestsOutput) => {
        const bad = answer.code.includes("isString");
        return Promise.resolve({ ok: !bad, reasons: bad ? ["src/summary.test.ts:10:10 TS2339: Property 'isString' does not exist"] : [], covered: ["cartSummary"], ...(bad ? { errorLines: [10] } : {}) });
      },
      maxAttempts: 1,
      temperature: 0,
    });
    expect(outcome.kind === "valid" ? outcome.answer.cases.map((c) => c.name) : outcome.reasons).toEqual(["old", "new good"]);
  });

  it("puts back the existing file's cases when the answer leaves them out, before validating", async () => {
    const existing = 'import { it } from "node:test";\nimport { cartSummary } from "./summary.js";\n\nit("old", () => {\n  cartSummary();\n});\n';
    const onlyNew = 'import assert from "node:assert/strict";\nimport { it } from "node:test";\nimport { cartSummary } from "./summary.js";\n\nit("new", () => {\n  assert.strictEqual(cartSummary(), "x");\n});\n';
    const generator = createScriptedGenerator({ answers: { tests: [{ code: onlyNew }] } });
    const seen: string[] = [];
    const outcome = await generateModuleTest({
      generator,
      request: { ...request, existingTestText: existing },
      validate: (answer: TestsOutput) => {
        seen.push(answer.code);
        return Promise.resolve({ ok: true, reasons: [], covered: ["cartSummary"] });
      },
      maxAttempts: 1,
      temperature: 0,
    });
    expect(seen[0]).toBe('import { it } from "node:test";\nimport { cartSummary } from "./summary.js";\nimport assert from "node:assert/strict";\n\nit("old", () => {\n  cartSummary();\n});\n\nit("new", () => {\n  assert.strictEqual(cartSummary(), "x");\n});\n');
    expect(outcome.kind === "valid" ? outcome.answer.cases.map((c) => c.name) : []).toEqual(["old", "new"]);
  });

  it("does not cut the existing file's own cases out of a test file the model extended", async () => {
    const generator = createScriptedGenerator({ answers: { tests: [{ code: TWO_CASES }] } });
    const outcome = await generateModuleTest({
      generator,
      request: { ...request, existingTestText: 'it("old", () => undefined);\n' },
      validate: () => Promise.resolve({ ok: false, reasons: ["line 6 error"], covered: [], errorLines: [6] }),
      maxAttempts: 1,
      temperature: 0,
    });
    expect(outcome.kind).toBe("rejected");
  });
});
