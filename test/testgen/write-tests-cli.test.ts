import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { createScriptedGenerator } from "../../src/llm/scripted-generator.js";
import type { CompletionRequest } from "../../src/llm/transport.js";
import { captureIo, noModelDeps } from "../helpers/cli.js";
import { loadFixtureChange } from "./load-fixture-change.js";
import { MATH_SPEC_WITH_NEW_CASES, mathAnswer, promptFor, STACK_SPEC, stackAnswer } from "./vitest-fixture-answers.js";

const answer = (request: CompletionRequest): unknown => (promptFor(request) === "math" ? mathAnswer : stackAnswer(STACK_SPEC));
const withModel = () => ({
  ...noModelDeps,
  createModel: () => Promise.resolve({ generator: createScriptedGenerator({ answers: { review: Array.from({ length: 10 }, () => ({ findings: [] })), tests: [answer, answer] } }) }),
});

describe("patchsmith review --write-tests", () => {
  let fixture: Awaited<ReturnType<typeof loadFixtureChange>>;
  beforeEach(async () => {
    fixture = await loadFixtureChange("vitest-repo");
  });
  afterEach(() => {
    fixture.repo.remove();
  });

  it("writes the generated tests into the working tree and lists the untested exports in the text output", async () => {
    const io = captureIo(fixture.repo.dir);
    const code = await runCli(["review", "--base", "main", "--head", "feature", "--write-tests"], io, withModel());
    expect(code).toBe(0);
    expect(readFileSync(path.join(fixture.repo.dir, "test/stack.spec.ts"), "utf8")).toBe(STACK_SPEC);
    expect(readFileSync(path.join(fixture.repo.dir, "test/math.spec.ts"), "utf8")).toBe(MATH_SPEC_WITH_NEW_CASES);
    expect(io.stderrText()).toContain("patchsmith: wrote test/math.spec.ts\npatchsmith: wrote test/stack.spec.ts\n");
    expect(io.stdoutText()).toContain("src/stack.ts:2  info  tests/untested-export  class Stack (push, pop, peek): no test file imports src/stack.ts");
  });

  it("never overwrites a test file with uncommitted changes", async () => {
    const edited = "// my work in progress\n";
    writeFileSync(path.join(fixture.repo.dir, "test/math.spec.ts"), edited);
    const io = captureIo(fixture.repo.dir);
    await runCli(["review", "--base", "main", "--head", "feature", "--write-tests"], io, withModel());
    expect(readFileSync(path.join(fixture.repo.dir, "test/math.spec.ts"), "utf8")).toBe(edited);
    expect(io.stderrText()).toContain("patchsmith: did not write test/math.spec.ts: the file in the working tree differs from the reviewed revision");
    expect(io.stderrText()).toContain("patchsmith: wrote test/stack.spec.ts");
  });

  it("says why nothing is written without a model", async () => {
    const io = captureIo(fixture.repo.dir);
    await runCli(["review", "--base", "main", "--head", "feature", "--write-tests"], io, noModelDeps);
    expect(io.stderrText()).toContain("patchsmith: --write-tests: nothing written: no model wrote tests");
  });

  it("rejects a bad PATCHSMITH_TESTS_RUN with a usage error naming it", async () => {
    const io = captureIo(fixture.repo.dir, { PATCHSMITH_TESTS_RUN: "maybe" });
    const code = await runCli(["review", "--base", "main", "--head", "feature"], io, noModelDeps);
    expect(code).toBe(2);
    expect(io.stderrText()).toContain("PATCHSMITH_TESTS_RUN: expected true or false");
  });
});
