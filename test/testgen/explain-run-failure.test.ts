import { describe, expect, it } from "vitest";
import { explainRunFailure, summarizeRunFailure } from "../../src/testgen/explain-run-failure.js";

const NODE_TEST = `TAP version 13
# Subtest: clamps to the upper bound
not ok 1 - clamps to the upper bound
  ---
  duration_ms: 1.2
  failureType: 'testCodeFailure'
  error: |-
    Expected values to be strictly equal:

    10 !== 15

  code: 'ERR_ASSERTION'
  ...
1..1
# pass 0
# fail 1`;

const VITEST = `\u001b[31m FAIL \u001b[39m src/median.test.ts > median > takes the middle value
AssertionError: expected 2 to be 3 // Object.is equality

- Expected
+ Received

- 3
+ 2

 ❯ src/median.test.ts:6:22`;

describe("explainRunFailure", () => {
  it("shows node:test's assertion from the failing test on, not the TAP preamble", () => {
    const [status, said] = explainRunFailure({ status: "failed", runs: 1, output: NODE_TEST });
    expect(status).toMatch(/failed when run/);
    expect(said).toMatch(/^the test runner said:\nnot ok 1 - clamps to the upper bound/);
    expect(said).toContain("10 !== 15");
    expect(said).not.toContain("TAP version");
  });

  it("strips colour codes and keeps vitest's Expected/Received", () => {
    const said = explainRunFailure({ status: "failed", runs: 1, output: VITEST })[1] ?? "";
    expect(said).not.toContain("\u001b[");
    expect(said).toContain("AssertionError: expected 2 to be 3");
    expect(said).toContain("+ 2");
  });

  it("says what a timeout and a flaky test mean, and shows the end of output with no recognisable message", () => {
    expect(explainRunFailure({ status: "timed-out", runs: 1, output: "" })).toEqual([expect.stringMatching(/time limit.*no sleeping/)]);
    expect(explainRunFailure({ status: "flaky", runs: 2, output: "" })[0]).toMatch(/passed, then failed on run 2.*clock, randomness/);
    const tail = Array.from({ length: 30 }, (_, i) => `line ${i}`).join("\n");
    expect(explainRunFailure({ status: "failed", runs: 1, output: tail })[1]).toBe(`the test runner said:\n${Array.from({ length: 12 }, (_, i) => `line ${i + 18}`).join("\n")}`);
  });
});

describe("summarizeRunFailure", () => {
  it("names the assertion message in one line, else the status", () => {
    expect(summarizeRunFailure({ status: "failed", runs: 1, output: NODE_TEST })).toBe("it failed: Expected values to be strictly equal: 10 !== 15");
    expect(summarizeRunFailure({ status: "failed", runs: 1, output: VITEST })).toBe("it failed: AssertionError: expected 2 to be 3 // Object.is equality");
    expect(summarizeRunFailure({ status: "failed", runs: 1, output: "" })).toBe("it failed");
    expect(summarizeRunFailure({ status: "flaky", runs: 3, output: NODE_TEST })).toBe("it passed, then failed on run 3");
  });
});
