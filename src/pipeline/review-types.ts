import type { ReviewParams, ReviewResult } from "../review/review-types.js";
import type { TestRunner } from "../testgen/test-runner.js";
import type { TestsReport } from "../testgen/tests-report.js";

/** A review's inputs: the engine's, and what the unit-test step needs. */
export interface ReviewChangeParams extends ReviewParams {
  /** Runs generated tests; given only when the operator's own settings allow it (`PATCHSMITH_TESTS_RUN=true`). */
  readonly testRunner?: TestRunner;
}

/** A review's outcome: the engine's, with the unit-test step's report. */
export interface ReviewChangeResult extends ReviewResult {
  /** The unit-test step (with `checks.tests`): untested exports and the tests generated for them. */
  readonly tests?: TestsReport;
}

export type ReviewChange = (params: ReviewChangeParams) => Promise<ReviewChangeResult>;
