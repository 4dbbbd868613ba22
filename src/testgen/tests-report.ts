import type { UntestedExport } from "../analyze/find-untested-exports.js";
import type { Finding, Notice } from "../types.js";
import type { TestConventions } from "./test-conventions.js";
import type { TestRunOutcome } from "./test-runner.js";

/** One test case the model wrote, with the reason it gave for it. */
export interface TestCase {
  readonly name: string;
  readonly why: string;
}

/** A generated test file that passed validation (and, when tests are run, three runs in a row). */
export interface GeneratedTest {
  readonly path: string;
  /** The complete file (for an existing test file: its new full text). */
  readonly content: string;
  /** The module it tests. */
  readonly sourcePath: string;
  /** The symbols it covers, as named in the findings ("mul", "Cart.removeItem"). */
  readonly symbols: readonly string[];
  readonly cases: readonly TestCase[];
  readonly explanation: string;
  /** The file existed at head: the new cases were added to it. */
  readonly existing: boolean;
  /** Model answers it took (1: valid the first time). */
  readonly attempts: number;
  /** A suggestion on a test file the pull request already changes, or a proposed file. */
  readonly delivery: "suggestion" | "file";
  readonly run?: TestRunOutcome;
}

/** A test that was not delivered, and why. */
export interface RejectedTest {
  readonly path: string;
  readonly sourcePath: string;
  readonly symbols: readonly string[];
  /** "model": no usable answer; "validation": never passed validation; "run": failed or flaky when run. */
  readonly stage: "model" | "validation" | "run";
  readonly reasons: readonly string[];
  readonly attempts: number;
  readonly run?: TestRunOutcome;
}

export interface TestStats {
  /** Test files the model wrote (one per module with untested exports). */
  readonly generated: number;
  /** Valid at the first answer. */
  readonly typeCheckedFirstTime: number;
  /** Valid after the model saw the reasons for a rejection. */
  readonly repaired: number;
  /** Never valid, or the model gave no usable answer. */
  readonly rejected: number;
  /** Valid, but failed or flaky when run (only when the operator lets tests run). */
  readonly dropped: number;
}

/** Whether generated tests were executed: by default they are not (running a PR's code is running untrusted code). */
export type TestExecution =
  | { readonly kind: "off" }
  | { readonly kind: "ran"; readonly runs: number }
  | { readonly kind: "unavailable"; readonly reason: string };

/** The unit-test part of a review: what is untested, and the tests written for it. */
export interface TestsReport {
  /** Changed exports no test covers (info findings, listed in the review body, never inline). */
  readonly untested: readonly UntestedExport[];
  readonly conventions?: TestConventions;
  /** "ran"; "no-model": detection only; "model-off": `checks.model: false`; "nothing-to-test": every changed export is tested. */
  readonly generation: "ran" | "no-model" | "model-off" | "nothing-to-test";
  readonly tests: readonly GeneratedTest[];
  readonly rejected: readonly RejectedTest[];
  readonly stats: TestStats;
  readonly execution: TestExecution;
  /** Validated suggestions on test files the pull request already changes. */
  readonly suggestions: readonly Finding[];
  readonly notices: readonly Notice[];
  /** Modules with untested exports left out over the per-review limit. */
  readonly leftOut: readonly string[];
}
