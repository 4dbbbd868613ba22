import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultRepoConfig, type RepoConfig } from "../../src/config/repo-config.js";
import { createScriptedGenerator } from "../../src/llm/scripted-generator.js";
import type { CompletionRequest } from "../../src/llm/transport.js";
import { reviewMissingTests } from "../../src/testgen/review-missing-tests.js";
import { loadFixtureChange } from "./load-fixture-change.js";
import { mathAnswer, promptFor, STACK_SPEC, STACK_SPEC_WITH_ONE_BAD_CASE, STACK_SPEC_WITH_TYPE_ERROR, stackAnswer } from "./vitest-fixture-answers.js";

let fixture: Awaited<ReturnType<typeof loadFixtureChange>>;
beforeAll(async () => {
  fixture = await loadFixtureChange("vitest-repo");
});
afterAll(() => {
  fixture.repo.remove();
});

const withAttempts = (maxAttempts: number): RepoConfig => ({ ...defaultRepoConfig, model: { ...defaultRepoConfig.model, maxAttempts } });

/** Scripted answers per module: each module's answers in order, whatever order the prompts come in. */
function scripted(answers: Record<"math" | "stack", unknown[]>) {
  const queues = { math: [...answers.math], stack: [...answers.stack] };
  const answer = (request: CompletionRequest): unknown => {
    const which = promptFor(request);
    if (which === "other") throw new Error("unexpected tests prompt");
    return queues[which].shift();
  };
  return createScriptedGenerator({ answers: { tests: Array.from({ length: 10 }, () => answer) } });
}

function run(generator: ReturnType<typeof scripted> | undefined, config: RepoConfig = defaultRepoConfig) {
  return reviewMissingTests({
    head: fixture.head,
    diff: fixture.diff,
    headText: (path) => fixture.headFiles[path],
    config,
    ...(generator ? { generator } : {}),
  });
}

describe("reviewMissingTests on the vitest fixture", () => {
  it("delivers only the valid test when the other has a type error, and reports the rejected one with the compiler's reason", async () => {
    const generator = scripted({ math: [mathAnswer], stack: [stackAnswer(STACK_SPEC_WITH_TYPE_ERROR)] });
    const report = await run(generator, withAttempts(1));

    expect(report.generation).toBe("ran");
    expect(report.tests.map((t) => [t.path, t.delivery, t.attempts])).toEqual([["test/math.spec.ts", "suggestion", 1]]);
    expect(report.rejected).toEqual([
      expect.objectContaining({ path: "test/stack.spec.ts", stage: "validation", attempts: 1, reasons: expect.arrayContaining([expect.stringMatching(/test\/stack\.spec\.ts:\d+:\d+ TS2339: Property 'top' does not exist/)]) as unknown }),
    ]);
    expect(report.stats).toEqual({ generated: 2, typeCheckedFirstTime: 1, repaired: 0, rejected: 1, dropped: 0 });
    expect(report.execution).toEqual({ kind: "off" });

    // The PR already changes test/math.spec.ts, so the new cases are a suggestion inside its hunk.
    const [suggestion] = report.suggestions;
    expect(suggestion?.path).toBe("test/math.spec.ts");
    expect(suggestion?.severity).toBe("info");
    expect(suggestion?.suggestion?.edit).toMatchObject({ startLine: 2, endLine: 8 });
    expect(suggestion?.suggestion?.edit.replacement).toContain("expect(square(-3)).toBe(9);");
  });

  it("repairs the test with the type error when the model sees the reason, and proposes it as a new file", async () => {
    const generator = scripted({ math: [mathAnswer], stack: [stackAnswer(STACK_SPEC_WITH_TYPE_ERROR), stackAnswer(STACK_SPEC)] });
    const report = await run(generator);

    expect(report.tests.map((t) => [t.path, t.delivery, t.attempts])).toEqual([
      ["test/math.spec.ts", "suggestion", 1],
      ["test/stack.spec.ts", "file", 2],
    ]);
    expect(report.rejected).toEqual([]);
    expect(report.stats).toEqual({ generated: 2, typeCheckedFirstTime: 1, repaired: 1, rejected: 0, dropped: 0 });
    expect(report.tests[1]?.content).toBe(STACK_SPEC);
    const repairPrompt = generator.calls.filter((call) => call.user.includes("test/stack.spec.ts")).at(-1)?.user ?? "";
    expect(repairPrompt).toContain("Rejected attempt 1:");
    expect(repairPrompt).toMatch(/TS2339: Property 'top' does not exist on type 'Stack<string>'/);
  });

  it("delivers the cases that compile when the errors lie in one case, without a repair call", async () => {
    const generator = scripted({ math: [mathAnswer], stack: [stackAnswer(STACK_SPEC_WITH_ONE_BAD_CASE)] });
    const report = await run(generator);
    const stack = report.tests.find((t) => t.path === "test/stack.spec.ts");
    expect(stack).toMatchObject({ attempts: 1 });
    expect(stack?.content).not.toContain("peeks without removing");
    expect(stack?.content).toContain("pops what was pushed last");
    expect(stack?.content).toContain("returns undefined when empty");
    expect(generator.calls.filter((call) => call.user.includes("test/stack.spec.ts"))).toHaveLength(1);
  });

  it("gives the model the conventions, the import to use, the source and an example test, as untrusted data", async () => {
    const generator = scripted({ math: [mathAnswer], stack: [stackAnswer(STACK_SPEC)] });
    await run(generator);
    const stackPrompt = generator.calls.find((call) => call.user.includes("Test file to write: `test/stack.spec.ts`"))?.user ?? "";
    expect(stackPrompt).toContain('vitest: import describe, it, expect (and vi for mocks) from "vitest".');
    expect(stackPrompt).toContain("Import the module as `../src/stack.js`.");
    expect(stackPrompt).toMatch(/<untrusted-data label="code" id="[0-9a-f]+">\n\/\*\* A last-in, first-out stack. \*\//);
    expect(stackPrompt).toMatch(/An existing test, `test\/[a-z]+\.spec\.ts`, for its style/);
    const mathPrompt = generator.calls.find((call) => call.user.includes("Test file to write: `test/math.spec.ts`"))?.user ?? "";
    expect(mathPrompt).toContain("The existing test file `test/math.spec.ts` (keep its tests, add yours)");
  });

  it("rejects a test that imports a module that does not exist, or a package the repository does not depend on", async () => {
    const missingModule = STACK_SPEC.replace('import { Stack } from "../src/stack.js";', 'import { Stack } from "../src/stack.js";\nimport { fill } from "../src/fill.js";').replace("stack.push(1);", "fill(stack);");
    const missingPackage = STACK_SPEC.replace('import { describe, expect, it } from "vitest";', 'import { describe, expect, it } from "vitest";\nimport { range } from "lodash";').replace("stack.push(1);", "range(1).forEach((n: number) => { stack.push(n); });");
    const generator = scripted({ math: [mathAnswer], stack: [stackAnswer(missingModule), stackAnswer(missingPackage)] });
    const report = await run(generator, withAttempts(2));

    expect(report.tests.map((t) => t.path)).toEqual(["test/math.spec.ts"]);
    expect(report.rejected).toHaveLength(1);
    // The last attempt's reasons are reported; the first attempt's went back to the model.
    expect(report.rejected[0]?.reasons).toContainEqual(expect.stringMatching(/line 2: it imports "lodash", which is neither a file of the repository nor a dependency in package.json/));
    const secondPrompt = generator.calls.filter((call) => call.user.includes("test/stack.spec.ts"))[1]?.user ?? "";
    expect(secondPrompt).toMatch(/line 3: it imports "\.\.\/src\/fill\.js", which is not a file of the repository/);
  });

  it("only detects when no model is configured, and says so", async () => {
    const report = await run(undefined);
    expect(report.generation).toBe("no-model");
    expect(report.untested.map((u) => u.name)).toEqual(["mul", "square", "Stack"]);
    expect(report.tests).toEqual([]);
  });

  it("writes no test for an export whose code has a TypeScript error in the change, and says so", async () => {
    const generator = scripted({ math: [mathAnswer], stack: [stackAnswer(STACK_SPEC)] });
    const report = await reviewMissingTests({
      head: fixture.head,
      diff: fixture.diff,
      headText: (p) => fixture.headFiles[p],
      config: defaultRepoConfig,
      generator,
      diagnostics: [{ path: "src/stack.ts", line: 4, column: 5, endLine: 4, endColumn: 9, severity: "error", source: "typescript", code: "TS2322", message: "Type 'string' is not assignable to type 'number'." }],
    });
    expect(report.untested.map((u) => u.name)).toEqual(["mul", "square", "Stack"]);
    expect(report.tests.map((t) => t.path)).toEqual(["test/math.spec.ts"]);
    expect(generator.calls.filter((c) => c.operation === "tests")).toHaveLength(1);
    expect(report.notices.map((n) => n.message)).toContainEqual(expect.stringMatching(/^No test was written for `Stack` \(src\/stack\.ts:\d+\): its code has TypeScript errors/));
  });

  it("writes tests only for the path or symbol asked for", async () => {
    const generator = scripted({ math: [], stack: [stackAnswer(STACK_SPEC)] });
    const report = await reviewMissingTests({ head: fixture.head, diff: fixture.diff, headText: (p) => fixture.headFiles[p], config: defaultRepoConfig, generator, only: "Stack" });
    expect(report.untested.map((u) => u.name)).toEqual(["Stack"]);
    expect(report.tests.map((t) => t.path)).toEqual(["test/stack.spec.ts"]);
  });
});
