import type { FileSource } from "../types.js";
import type { TestConventions } from "./test-conventions.js";

/** What running one test file `runs` times in a row showed. */
export interface TestRunOutcome {
  /** "passed": every run passed; "failed": the first run failed; "flaky": passed, then failed; "timed-out": hit the time limit. */
  readonly status: "passed" | "failed" | "flaky" | "timed-out";
  /** Runs made (a file stops at its first failure). */
  readonly runs: number;
  /** The end of the runner's output from the last run, for the reasons. */
  readonly output: string;
  /** For a failure: the lines of the test file its output points at (see failingTestLines). */
  readonly failingLines?: readonly number[];
}

export type TestRunReport =
  | { readonly kind: "ran"; readonly runs: number; readonly outcomes: ReadonlyMap<string, TestRunOutcome> }
  | { readonly kind: "unavailable"; readonly reason: string };

/**
 * Runs generated tests, when the operator's own settings allow it
 * (`PATCHSMITH_TESTS_RUN=true`): in a throwaway copy of the snapshot, each
 * file several times in a row.
 */
export interface TestRunner {
  run(params: {
    readonly source: FileSource;
    readonly tests: readonly { readonly path: string; readonly content: string }[];
    readonly conventions: TestConventions;
    readonly signal?: AbortSignal;
  }): Promise<TestRunReport>;
}
