import { describe, expect, it } from "vitest";
import { readTestCases } from "../../../src/llm/answers/read-test-cases.js";

describe("readTestCases", () => {
  it("reads the names of it() and test() calls with literal names, in order", () => {
    const code = [
      'import { describe, it, test } from "node:test";',
      'describe("applyDiscount", () => {',
      '  it("takes 10% off with WELCOME10", () => {});',
      "  it('keeps the total for an unknown code', () => {});",
      "  test.skip(`rounds to whole cents`, () => {});",
      '  it("handles \\"quotes\\"", () => {});',
      "  it(name, () => {});",
      "});",
    ].join("\n");
    expect(readTestCases(code)).toEqual([
      { name: "takes 10% off with WELCOME10", why: "" },
      { name: "keeps the total for an unknown code", why: "" },
      { name: "rounds to whole cents", why: "" },
      { name: 'handles \\"quotes\\"', why: "" },
    ]);
  });

  it("finds nothing in code without test calls (other names ending in it or test do not count)", () => {
    expect(readTestCases('submit("x"); commit("y"); latest("z");')).toEqual([]);
  });
});
