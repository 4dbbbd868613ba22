import type { Generator, TestsOutput, WriteTestsRequest } from "../llm/generator.js";
import { explainRejection } from "../llm/prompts/explain-rejection.js";
import type { TestVerdict } from "./validate-generated-test.js";

export type ModuleTestOutcome =
  | { readonly kind: "valid"; readonly answer: TestsOutput; readonly attempts: number; readonly covered: readonly string[] }
  | { readonly kind: "rejected"; readonly stage: "model" | "validation"; readonly reasons: readonly string[]; readonly attempts: number };

/**
 * The repair loop for one module's test file: ask the model, validate the
 * file; when it is rejected, give the model its code and the reasons and ask
 * again, up to `maxAttempts` answers in all. A model error (time limit,
 * invalid output) ends the loop with the reasons so far.
 */
export async function generateModuleTest(params: {
  readonly generator: Generator;
  readonly request: WriteTestsRequest;
  readonly validate: (answer: TestsOutput) => Promise<TestVerdict>;
  readonly maxAttempts: number;
  readonly temperature: number;
  readonly signal?: AbortSignal;
}): Promise<ModuleTestOutcome> {
  const previousAttempts: { code: string; reasons: readonly string[] }[] = [];
  let reasons: readonly string[] = [];
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
      return attempt === 1 ? { kind: "rejected", stage: "model", reasons: [why], attempts: attempt } : { kind: "rejected", stage: "validation", reasons: [...reasons, why], attempts: attempt - 1 };
    }
    const verdict = await params.validate(answer);
    if (verdict.ok) return { kind: "valid", answer, attempts: attempt, covered: verdict.covered };
    reasons = verdict.reasons;
    // The model is told what it sent and where each error points; the person reading the report gets the plain reasons.
    previousAttempts.push({ code: answer.code, reasons: explainRejection({ sent: answer.code, reasons, path: params.request.testPath }) });
  }
  return { kind: "rejected", stage: "validation", reasons, attempts: params.maxAttempts };
}
