import type { CompletionRequest } from "../../src/llm/transport.js";

/** Answers a model could give for the vitest fixture's untested exports. */

export const MATH_SPEC_WITH_NEW_CASES = `import { describe, expect, it } from "vitest";
import { add, mul, square, sub } from "../src/math.js";

describe("math", () => {
  it("adds", () => expect(add(2, 3)).toBe(5));
  it("subtracts", () => {
    expect(sub(5, 3)).toBe(2);
    expect(sub(3, 5)).toBe(-2);
  });

  it("multiplies", () => {
    expect(mul(4, 5)).toBe(20);
  });

  it("squares negative numbers to positive ones", () => {
    expect(square(-3)).toBe(9);
  });
});
`;

export const STACK_SPEC = `import { describe, expect, it } from "vitest";
import { Stack } from "../src/stack.js";

describe("Stack", () => {
  it("pops what was pushed last", () => {
    const stack = new Stack<number>();
    stack.push(1);
    stack.push(2);
    expect(stack.pop()).toBe(2);
    expect(stack.size).toBe(1);
  });

  it("peeks without removing", () => {
    const stack = new Stack<string>();
    stack.push("a");
    expect(stack.peek()).toBe("a");
    expect(stack.size).toBe(1);
  });

  it("returns undefined when empty", () => {
    expect(new Stack<number>().pop()).toBeUndefined();
  });
});
`;

/** The same test calling a method Stack does not have, in every case: type errors no case is free of. */
export const STACK_SPEC_WITH_TYPE_ERROR = STACK_SPEC.replaceAll(".pop()", ".top()").replaceAll(".peek()", ".top()");

/** The same test with one case calling a method Stack does not have. */
export const STACK_SPEC_WITH_ONE_BAD_CASE = STACK_SPEC.replace('expect(stack.peek()).toBe("a");', 'expect(stack.top()).toBe("a");');

export const mathAnswer = {
  path: "test/math.spec.ts",
  symbols: ["mul", "square"],
  cases: [
    { name: "multiplies", why: "mul is new" },
    { name: "squares negative numbers to positive ones", why: "square of a negative number is the edge case" },
  ],
  code: MATH_SPEC_WITH_NEW_CASES,
  explanation: "Covers mul and square.",
};

export const stackAnswer = (code: string) => ({
  path: "test/stack.spec.ts",
  symbols: ["Stack"],
  cases: [
    { name: "pops what was pushed last", why: "LIFO order is the contract" },
    { name: "peeks without removing", why: "peek must not change the size" },
    { name: "returns undefined when empty", why: "the empty case" },
  ],
  code,
  explanation: "Covers push, pop and peek.",
});

/** Which module a tests prompt is about. */
export function promptFor(request: CompletionRequest): "math" | "stack" | "other" {
  if (request.user.includes("Test file to write: `test/math.spec.ts`")) return "math";
  if (request.user.includes("Test file to write: `test/stack.spec.ts`")) return "stack";
  return "other";
}
