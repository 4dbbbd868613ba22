import { describe, expect, it } from "vitest";
import { defaultRepoConfig } from "../../src/config/repo-config.js";
import { parseFilePatch } from "../../src/diff/parse-file-patch.js";
import { planFixTasks } from "../../src/llm/findings/plan-fix-tasks.js";
import { createScriptedGenerator } from "../../src/llm/scripted-generator.js";
import { fixDiagnosticsWithModel, MAX_FIX_TASKS } from "../../src/review/fix-diagnostics-with-model.js";
import { reviewChange } from "../../src/pipeline/review-change.js";
import type { Diagnostic, FileSource } from "../../src/types.js";

function memorySource(files: Record<string, string>): FileSource {
  return {
    description: "memory",
    readText: (path) => Promise.resolve(path in files ? { kind: "text", text: files[path]! } : { kind: "missing" }),
    listPaths: () => Promise.resolve(Object.keys(files)),
  };
}

const BASE = "export function add(a: number, b: number): number {\n  return a + b;\n}\n";
const HEAD = `${BASE}\nexport const broken: string = add(1, 2);\n`;
const PATCH = "@@ -1,3 +1,5 @@\n export function add(a: number, b: number): number {\n   return a + b;\n }\n+\n+export const broken: string = add(1, 2);";

function params() {
  return {
    base: memorySource({ "src/a.ts": BASE }),
    head: memorySource({ "src/a.ts": HEAD }),
    diff: [parseFilePatch({ path: "src/a.ts", status: "modified", patch: PATCH })],
    config: { ...defaultRepoConfig, checks: { ...defaultRepoConfig.checks, tests: false } },
  };
}

describe("fix tasks: the model fixes what the checkers found", () => {
  it("turns a TS2322 with no code fix into a fix task and posts its validated edit, described from the edit", async () => {
    const generator = createScriptedGenerator({ answers: { fix: [{ raw: "```ts\nexport const broken: string = add(1, 2).toString();\n```" }], review: [{ findings: [] }] } });
    const result = await reviewChange({ ...params(), generator });

    const finding = result.findings.find((f) => f.rule === "ts/TS2322");
    expect(finding?.suggestion?.edit).toEqual({ path: "src/a.ts", startLine: 5, endLine: 5, replacement: "export const broken: string = add(1, 2).toString();" });
    expect(finding?.suggestion?.origin).toBe("model");
    expect(finding?.suggestion?.title).toBe("written by the model. It removes `TS2322` on line 5 (Type 'number' is not assignable to type 'string'.), and ESLint and TypeScript find nothing new after it.");
    // The prompt: the file with numbered lines, the diagnostic, and the lines to rewrite.
    const prompt = generator.calls.find((call) => call.operation === "fix")?.user ?? "";
    expect(prompt).toContain("5 |>export const broken: string = add(1, 2);");
    expect(prompt).toContain("ts/TS2322 Type 'number' is not assignable to type 'string'.");
    expect(prompt).toContain("Rewrite lines 5-5; answer with those lines in one fenced block.");
    expect(result.comments.some((c) => c.body.includes("```suggestion\nexport const broken: string = add(1, 2).toString();\n```"))).toBe(true);
    expect(result.stats).toMatchObject({ suggestionsProposed: 1, suggestionsValidated: 1, validatedFirstTime: 1 });
  });

  it("rejects a fix that replaces add(1, 2) with '3', repairs it with the reason, and posts only the repaired edit", async () => {
    const generator = createScriptedGenerator({
      answers: { fix: [{ replacement: "export const broken: string = '3';" }, { replacement: "export const broken: string = String(add(1, 2));" }], review: [{ findings: [] }] },
    });
    const result = await reviewChange({ ...params(), generator });

    const repair = generator.calls.filter((call) => call.operation === "fix")[1]?.user ?? "";
    expect(repair).toContain("it replaces the computed value of `broken`, `add(1, 2)`, with the literal `'3'`");
    expect(result.findings.find((f) => f.rule === "ts/TS2322")?.suggestion?.edit.replacement).toBe("export const broken: string = String(add(1, 2));");
    expect(result.stats).toMatchObject({ suggestionsRepaired: 1 });
  });

  it("keeps the task's other lines when the model answers only the line it changed", async () => {
    const base = "export const rate = 0.1;\n";
    const head = `${base}\nexport function discounted(total: number): number {\n  const cents: string = Math.round(total * (1 - rate));\n  return cents;\n}\n`;
    const patch = "@@ -1,1 +1,6 @@\n export const rate = 0.1;\n+\n+export function discounted(total: number): number {\n+  const cents: string = Math.round(total * (1 - rate));\n+  return cents;\n+}";
    const generator = createScriptedGenerator({ answers: { fix: [{ raw: "```ts\nconst cents: number = Math.round(total * (1 - rate));\n```" }], review: [{ findings: [] }] } });
    const result = await reviewChange({
      ...params(),
      base: memorySource({ "src/a.ts": base }),
      head: memorySource({ "src/a.ts": head }),
      diff: [parseFilePatch({ path: "src/a.ts", status: "modified", patch })],
      generator,
    });
    const fixed = result.findings.filter((f) => f.rule === "ts/TS2322").map((f) => f.suggestion?.edit.replacement);
    // One suggestion removes both TS2322s (the findings are merged into one comment).
    expect(fixed).toEqual(["  const cents: number = Math.round(total * (1 - rate));\n  return cents;"]);
  });

  it("leaves the diagnostic without a suggestion when no attempt validates", async () => {
    const generator = createScriptedGenerator({ answers: { fix: [{ replacement: "export const broken: string = '3';" }], review: [{ findings: [] }] } });
    const result = await reviewChange({ ...params(), generator, config: { ...params().config, model: { ...defaultRepoConfig.model, maxAttempts: 1 } } });
    const finding = result.findings.find((f) => f.rule === "ts/TS2322");
    expect(finding?.suggestion).toBeUndefined();
    expect(finding?.severity).toBe("error");
    expect(result.stats).toMatchObject({ suggestionsRejected: 1 });
  });
});

describe("planFixTasks", () => {
  const file = parseFilePatch({ path: "src/b.ts", status: "added", patch: `@@ -0,0 +1,20 @@\n${Array.from({ length: 20 }, (_, i) => `+line ${i + 1}`).join("\n")}` });
  const at = (line: number, code = "TS2322"): Diagnostic => ({ path: "src/b.ts", line, column: 1, endLine: line, endColumn: 5, source: "typescript", code, message: `m${line}`, severity: "error" });

  it("lets nearby diagnostics share a task and keeps distant ones apart", () => {
    const tasks = planFixTasks([at(3), at(5), at(12)].map((diagnostic) => ({ diagnostic, file })));
    expect(tasks.map((t) => [t.startLine, t.endLine, t.diagnostics.map((d) => d.line)])).toEqual([
      [3, 5, [3, 5]],
      [12, 12, [12]],
    ]);
  });
});

describe("fixDiagnosticsWithModel", () => {
  it("runs at most MAX_FIX_TASKS tasks and says how many were left out", async () => {
    const lines = MAX_FIX_TASKS + 3;
    const file = parseFilePatch({ path: "src/c.ts", status: "added", patch: `@@ -0,0 +1,${lines * 4} @@\n${Array.from({ length: lines * 4 }, (_, i) => `+const v${i} = ${i};`).join("\n")}` });
    const text = Array.from({ length: lines * 4 }, (_, i) => `const v${i} = ${i};`).join("\n") + "\n";
    const tasks = planFixTasks(Array.from({ length: lines }, (_, i) => ({ file, diagnostic: { path: "src/c.ts", line: 1 + i * 4, column: 1, endLine: 1 + i * 4, endColumn: 5, source: "eslint" as const, code: "no-x", message: "x", severity: "error" as const } })));
    expect(tasks).toHaveLength(lines);
    const generator = createScriptedGenerator({ answers: { fix: Array.from({ length: MAX_FIX_TASKS }, () => ({ replacement: "const y = 1;" })) } });
    const result = await fixDiagnosticsWithModel({
      generator,
      tasks,
      fileText: () => text,
      validate: () => ({ ok: false, reasons: ["no"], introduced: [] }),
      removedBy: () => [],
      maxAttempts: 1,
      temperature: 0,
    });
    expect(generator.calls).toHaveLength(MAX_FIX_TASKS);
    expect(result.stats).toEqual({ proposed: MAX_FIX_TASKS, validatedFirstTime: 0, repaired: 0, rejected: MAX_FIX_TASKS });
    expect(result.notices.map((n) => n.message)).toEqual([`Limit hit: the model was asked to fix the diagnostics of the first ${MAX_FIX_TASKS} of ${lines} fix tasks; the others are reported without a model fix.`]);
  });
});
