import type { Generator } from "../llm/generator.js";
import type { ModelWork } from "../review/track-model-work.js";
import { describeFailure } from "../review/steps/describe-failure.js";
import type { ReviewRun } from "../review/steps/review-run.js";
import type { Diagnostic, FileDiff, FileSource } from "../types.js";
import { reviewMissingTests } from "./review-missing-tests.js";
import type { TestRunner } from "./test-runner.js";
import type { TestsReport } from "./tests-report.js";

/**
 * The review's unit-test step (with `checks.tests`; otherwise undefined): the
 * changed exports no test uses, and (with a model) tests for them, validated.
 * The step is extra: when it fails, the review goes on without it and a
 * notice says so.
 */
export async function missingTestsStep(
  run: ReviewRun,
  params: {
    /** The snapshot at head, outside the review's read budget (tests read what they need). */
    readonly head: FileSource;
    readonly files: readonly FileDiff[];
    readonly headText: (path: string) => string | undefined;
    readonly generator?: Generator;
    /** With a model: its steps reported as progress (module i of n, tokens per second). */
    readonly work?: ModelWork;
    readonly runner?: TestRunner;
    readonly mask: (text: string) => string;
    readonly dependencies?: ReadonlyMap<string, string>;
    /** The change's diagnostics: exports with TypeScript errors get no test until they compile. */
    readonly diagnostics?: readonly Diagnostic[];
  },
): Promise<TestsReport | undefined> {
  const { config, signal } = run;
  if (!config.checks.tests) return undefined;
  const { work } = params;
  if (work) work.step({ stage: "tests", done: 0, total: params.files.length });
  else if (params.generator) run.progress("tests", 0, params.files.length);
  const tests = await run.time("tests", async () => {
    try {
      return await reviewMissingTests({
        head: params.head,
        diff: params.files,
        headText: params.headText,
        config,
        ...(params.generator ? { generator: params.generator } : {}),
        ...(work
          ? {
              onModule: (step: { done: number; total: number; path: string }) => {
                work.step({ stage: "tests", ...step });
              },
            }
          : {}),
        ...(params.runner ? { runner: params.runner } : {}),
        mask: params.mask,
        ...(params.dependencies ? { dependencies: params.dependencies } : {}),
        ...(params.diagnostics ? { diagnostics: params.diagnostics } : {}),
        ...(signal ? { signal } : {}),
      });
    } catch (error) {
      if (signal?.aborted === true) throw error;
      run.notices.push({ message: `The unit-test step failed (${describeFailure(error)}); the rest of the review went on.` });
      return undefined;
    }
  });
  if (tests) run.notices.push(...tests.notices);
  return tests;
}
