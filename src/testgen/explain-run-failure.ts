import type { TestRunOutcome } from "./test-runner.js";

const MAX_LINES = 12;
const MAX_CHARS = 1_500;
/** Lines that say what went wrong: node:assert, vitest/jest (`expect`), chai, a thrown error. */
const MESSAGE_LINE = /AssertionError|Expected|Received|expected .+ to |!==|[A-Z][A-Za-z]*Error\b|is not a function|is not defined/;
/** Lines that say which test failed (TAP, mocha, vitest, jest). */
const FAILURE_LINE = /\bnot ok\b|✕|×|✗|\bFAIL\b|\bfailing\b/;
// eslint-disable-next-line no-control-regex -- ANSI colour codes are control characters by definition.
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

/**
 * Why a generated test failed when it was run, said so the model can repair
 * it: the status, then the runner's lines from the first assertion message
 * on (node:assert's `AssertionError … 3 !== 4`, vitest's and jest's
 * Expected/Received, chai's "expected … to equal …"), or the end of the output
 * when no such line is there. The output comes from running the pull
 * request's code: it is untrusted text, shown to the model only as data.
 */
export function explainRunFailure(outcome: TestRunOutcome): string[] {
  const status =
    outcome.status === "timed-out"
      ? "the test ran past the time limit when run: no real timers, no sleeping, no waiting on the network"
      : outcome.status === "flaky"
        ? `the test passed, then failed on run ${outcome.runs}: it must not depend on the clock, randomness or the order of tests`
        : "the test failed when run against the code as it is: an expected value is wrong, or the test asks for behaviour the code does not have";
  const lines = outcome.output.replace(ANSI, "").split(/\r?\n/).map((line) => line.trimEnd()).filter((line) => line.trim() !== "");
  const first = lines.findIndex((line) => FAILURE_LINE.test(line) || MESSAGE_LINE.test(line));
  const shown = (first === -1 ? lines.slice(-MAX_LINES) : lines.slice(first, first + MAX_LINES)).join("\n");
  if (shown === "") return [status];
  return [status, `the test runner said:\n${shown.length > MAX_CHARS ? `${shown.slice(0, MAX_CHARS)}…` : shown}`];
}

/** The same failure in one short line, for the person reading the report. */
export function summarizeRunFailure(outcome: TestRunOutcome): string {
  if (outcome.status === "timed-out") return "it ran past the time limit";
  if (outcome.status === "flaky") return `it passed, then failed on run ${outcome.runs}`;
  const lines = outcome.output.replace(ANSI, "").split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== "");
  let at = lines.findIndex((line) => MESSAGE_LINE.test(line));
  if (at === -1) at = lines.findIndex((line) => FAILURE_LINE.test(line));
  if (at === -1) return "it failed";
  // "Expected values to be strictly equal:" says more with the line after it ("10 !== 15").
  const line = lines[at] ?? "";
  const message = line.endsWith(":") && lines[at + 1] !== undefined ? `${line} ${lines[at + 1] ?? ""}` : line;
  return `it failed: ${message.length > 160 ? `${message.slice(0, 160)}…` : message}`;
}
