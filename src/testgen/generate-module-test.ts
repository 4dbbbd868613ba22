import type { Generator, TestsOutput, WriteTestsRequest } from "../llm/generator.js";
import { explainRejection } from "../llm/prompts/explain-rejection.js";
import { readTestCases } from "../llm/answers/read-test-cases.js";
import { dropFailingCases, keepsCasesOf } from "./drop-failing-cases.js";
import { dropUnusedLocals } from "./drop-unused-locals.js";
import { mergeIntoExisting } from "./merge-into-existing.js";
import type { TestRunOutcome } from "./test-runner.js";
import type { TestVerdict } from "./validate-generated-test.js";

/** What running a validated test file showed: passed, failed (with what to tell the model), or no run was possible. */
export type RunVerdict =
  | { readonly kind: "passed"; readonly outcome: TestRunOutcome }
  | { readonly kind: "failed"; readonly outcome: TestRunOutcome; readonly reasons: readonly string[]; readonly feedback: readonly string[] }
  | { readonly kind: "unavailable" };

export type ModuleTestOutcome =
  | { readonly kind: "valid"; readonly answer: TestsOutput; readonly attempts: number; readonly covered: readonly string[]; readonly run?: TestRunOutcome }
  | { readonly kind: "rejected"; readonly stage: "model" | "validation" | "run"; readonly reasons: readonly string[]; readonly attempts: number; readonly run?: TestRunOutcome };

/**
 * The repair loop for one module's test file: ask the model, validate the
 * file, and, when `run` is given (only where the operator allows running the
 * pull request's code), run it; when it is rejected or fails, give the model
 * its code and the reasons (the validator's errors, or the runner's failing
 * assertion) and ask again, up to `maxAttempts` answers in all. A model error
 * (time limit, invalid output) ends the loop with the reasons so far, and so
 * does an answer that repeats a rejected one (another call would cost the same
 * seconds for the same file). A new file's unused variables and imports are
 * dropped before validation (dropUnusedLocals): a lint error not worth a call;
 * an answer for an existing file that leaves out the file's own cases is
 * merged into that file (mergeIntoExisting);
 * and when its errors all lie inside some of its cases, the file without those
 * cases is validated again before any repair is asked for (dropFailingCases;
 * in an existing test file, only cases the model added may go).
 */
export async function generateModuleTest(params: {
  readonly generator: Generator;
  readonly request: WriteTestsRequest;
  readonly validate: (answer: TestsOutput) => Promise<TestVerdict>;
  readonly run?: (answer: TestsOutput) => Promise<RunVerdict>;
  readonly maxAttempts: number;
  readonly temperature: number;
  readonly signal?: AbortSignal;
}): Promise<ModuleTestOutcome> {
  const previousAttempts: { code: string; reasons: readonly string[] }[] = [];
  let reasons: readonly string[] = [];
  let failedRun: TestRunOutcome | undefined;
  const rejected = (attempts: number, why: readonly string[]): ModuleTestOutcome =>
    failedRun === undefined ? { kind: "rejected", stage: "validation", reasons: why, attempts } : { kind: "rejected", stage: "run", reasons: why, attempts, run: failedRun };
  for (let attempt = 1; attempt <= params.maxAttempts; attempt++) {
    let answer: TestsOutput;
    try {
      answer = await params.generator.writeTests(
        { ...params.request, ...(previousAttempts.length > 0 ? { previousAttempts: [...previousAttempts] } : {}) },
        { temperature: params.temperature, ...(params.signal === undefined ? {} : { signal: params.signal }) },
      );
    } catch (error) {
      if (params.signal?.aborted === true) throw error;
      const why = `the model gave no usable answer: ${(error as Error).message}`;
      return attempt === 1 ? { kind: "rejected", stage: "model", reasons: [why], attempts: attempt } : rejected(attempt - 1, [...reasons, why]);
    }
    const existing = params.request.existingTestText;
    if (existing === undefined) answer = { ...answer, code: dropUnusedLocals(params.request.testPath, answer.code) };
    else if (!keepsCasesOf(params.request.testPath, existing, answer.code)) {
      // The existing file's cases left out (only new cases sent, or the file rewritten): they are put back in code.
      const merged = mergeIntoExisting(params.request.testPath, existing, answer.code);
      if (merged !== undefined) answer = { ...answer, code: merged, cases: readTestCases(merged) };
    }
    if (previousAttempts.some((earlier) => earlier.code.trim() === answer.code.trim())) {
      return rejected(attempt, [...reasons, "the model answered with the file it was told was wrong, unchanged"]);
    }
    let verdict = await params.validate(answer);
    const salvaged = verdict.ok ? undefined : await withoutFailingCases(answer, verdict, params);
    if (salvaged !== undefined) ({ answer, verdict } = salvaged);
    if (verdict.ok) {
      const ran = params.run === undefined ? undefined : await params.run(answer);
      if (ran?.kind !== "failed") return { kind: "valid", answer, attempts: attempt, covered: verdict.covered, ...(ran?.kind === "passed" ? { run: ran.outcome } : {}) };
      // A file whose failing assertions all lie in cases the model wrote: the rest is validated and run again before any repair.
      const passing = params.run === undefined ? undefined : await withoutFailingRuns(answer, ran.outcome, { ...params, run: params.run });
      if (passing !== undefined) return { kind: "valid", answer: passing.answer, attempts: attempt, covered: passing.covered, run: passing.run };
      // It compiles but fails against the code as it is: the model sees the failing assertion.
      failedRun = ran.outcome;
      reasons = ran.reasons;
      previousAttempts.push({ code: answer.code, reasons: ran.feedback });
      continue;
    }
    failedRun = undefined;
    reasons = verdict.reasons;
    // The model is told what it sent and where each error points; the person reading the report gets the plain reasons.
    previousAttempts.push({ code: answer.code, reasons: explainRejection({ sent: answer.code, reasons, path: params.request.testPath }) });
  }
  return rejected(params.maxAttempts, reasons);
}

/** The answer without the cases its errors point into, when that file passes validation on its own. */
async function withoutFailingCases(answer: TestsOutput, verdict: TestVerdict, params: { readonly request: WriteTestsRequest; readonly validate: (answer: TestsOutput) => Promise<TestVerdict> }): Promise<{ answer: TestsOutput; verdict: TestVerdict } | undefined> {
  if (verdict.errorLines === undefined) return undefined;
  const code = cutCases(params.request, answer.code, verdict.errorLines);
  if (code === undefined) return undefined;
  const kept = { ...answer, code, cases: readTestCases(code) };
  const again = await params.validate(kept);
  return again.ok ? { answer: kept, verdict: again } : undefined;
}

/** Rounds of cutting failed cases out of one answer: a second round catches a case that failed only once the first was gone. */
const RUN_TRIMS = 2;

/**
 * A test file without the cases its failed run points into
 * (outcome.failingLines), when what is left validates and passes its runs:
 * TestGen-LLM keeps each passing case of a generated file and discards the
 * failing ones, rather than discarding the file. Undefined when the failure
 * points outside every case (a top-level import or helper), when no case
 * would be left, or when the rest does not pass.
 */
async function withoutFailingRuns(
  answer: TestsOutput,
  outcome: TestRunOutcome,
  params: { readonly request: WriteTestsRequest; readonly validate: (answer: TestsOutput) => Promise<TestVerdict>; readonly run: (answer: TestsOutput) => Promise<RunVerdict> },
): Promise<{ answer: TestsOutput; covered: readonly string[]; run: TestRunOutcome } | undefined> {
  let current = answer;
  let failed = outcome;
  for (let round = 0; round < RUN_TRIMS; round++) {
    const code = cutCases(params.request, current.code, failed.failingLines ?? [], { runFailure: true });
    if (code === undefined) return undefined;
    current = { ...current, code, cases: readTestCases(code) };
    const verdict = await params.validate(current);
    if (!verdict.ok) return undefined;
    const ran = await params.run(current);
    if (ran.kind === "passed") return { answer: current, covered: verdict.covered, run: ran.outcome };
    if (ran.kind === "unavailable") return undefined;
    failed = ran.outcome;
  }
  return undefined;
}

/**
 * The file without the cases `lines` point into (dropFailingCases), or
 * undefined. In an existing test file the model extended, only cases it added
 * may go; a new file also loses the imports and variables the cut left unused.
 */
function cutCases(request: WriteTestsRequest, code: string, lines: readonly number[], options: { readonly runFailure?: boolean } = {}): string | undefined {
  const trimmed = dropFailingCases(request.testPath, code, lines, options);
  if (trimmed === undefined) return undefined;
  if (request.existingTestText === undefined) return dropUnusedLocals(request.testPath, trimmed);
  return keepsCasesOf(request.testPath, request.existingTestText, trimmed) ? trimmed : undefined;
}
