import { describe, expect, it } from "vitest";
import { failingTestLines } from "../../src/testgen/failing-test-lines.js";

// The failure lines each runner printed for a file with one passing and one failing case (vitest 4, jest 29 with ts-jest, mocha 10 with tsx, node:test on Node 20).
const VITEST = ` FAIL  src/a.test.ts > g > fails
AssertionError: expected 3.5 to be 3 // Object.is equality
 ❯ src/a.test.ts:9:21
      7|
      8|   it("fails", () => {
      9|     expect(1.5 + 2).toBe(3);`;
const JEST = `FAIL src/__tests__/b.test.ts (5.035 s)
    Expected: true
    Received: false
      at Object.<anonymous> (src/__tests__/b.test.ts:9:30)`;
const MOCHA = `  1 passing (61ms)
  1 failing
  AssertionError: expected [ [ 1, 2 ], [ 3 ] ] to deeply equal [ [ 1, 2, 3 ] ]
      at Context.<anonymous> (test/b.spec.ts:10:41)`;
const NODE_TEST = `not ok 2 - fails
  ---
  location: '/tmp/patchsmith-tests-x/repo/src/a.test.mjs:9:3'
  stack: |-
    TestContext.<anonymous> (file:///tmp/patchsmith-tests-x/repo/src/a.test.mjs:10:12)
not ok 1 - g
  location: '/tmp/patchsmith-tests-x/repo/src/a.test.mjs:4:1'`;

describe("failingTestLines", () => {
  it("reads the test file's lines from each runner's failure output", () => {
    expect(failingTestLines(VITEST, "src/a.test.ts")).toEqual([9]);
    expect(failingTestLines(JEST, "src/__tests__/b.test.ts")).toEqual([9]);
    expect(failingTestLines(MOCHA, "test/b.spec.ts")).toEqual([10]);
    expect(failingTestLines(NODE_TEST, "src/a.test.mjs")).toEqual([4, 9, 10]);
  });

  it("ignores other files, a longer name ending the same way, and lines without a number", () => {
    const output = "at f (src/other.test.ts:3:1)\nat g (src/xa.test.ts:5:2)\n FAIL  src/a.test.ts > g\nsrc/a.test.ts:0";
    expect(failingTestLines(output, "src/a.test.ts")).toEqual([]);
  });

  it("treats the path as text, not as a pattern", () => {
    expect(failingTestLines("at (test/a+b.test.ts:4:2)\nat (test/aab.test.ts:7:2)", "test/a+b.test.ts")).toEqual([4]);
  });
});
