/** `node:assert`, `node:assert/strict`, `assert` and `assert/strict` as declaration text. */
export const NODE_ASSERT_DECLARATIONS = `
declare module "node:assert" {
  function assert(value: unknown, message?: string | Error): asserts value;
  namespace assert {
    type AssertPredicate = RegExp | (new (...args: any[]) => object) | ((thrown: unknown) => boolean) | object | Error;
    class AssertionError extends Error {
      actual: unknown;
      expected: unknown;
      operator: string;
      generatedMessage: boolean;
      code: "ERR_ASSERTION";
      constructor(options?: { message?: string; actual?: unknown; expected?: unknown; operator?: string; stackStartFn?: Function });
    }
    function fail(message?: string | Error): never;
    function ok(value: unknown, message?: string | Error): asserts value;
    function equal(actual: unknown, expected: unknown, message?: string | Error): void;
    function notEqual(actual: unknown, expected: unknown, message?: string | Error): void;
    function deepEqual(actual: unknown, expected: unknown, message?: string | Error): void;
    function notDeepEqual(actual: unknown, expected: unknown, message?: string | Error): void;
    function strictEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T;
    function notStrictEqual(actual: unknown, expected: unknown, message?: string | Error): void;
    function deepStrictEqual<T>(actual: unknown, expected: T, message?: string | Error): asserts actual is T;
    function notDeepStrictEqual(actual: unknown, expected: unknown, message?: string | Error): void;
    function partialDeepStrictEqual(actual: unknown, expected: unknown, message?: string | Error): void;
    function throws(block: () => unknown, message?: string | Error): void;
    function throws(block: () => unknown, error: AssertPredicate, message?: string | Error): void;
    function doesNotThrow(block: () => unknown, message?: string | Error): void;
    function doesNotThrow(block: () => unknown, error: AssertPredicate, message?: string | Error): void;
    function rejects(block: (() => Promise<unknown>) | Promise<unknown>, message?: string | Error): Promise<void>;
    function rejects(block: (() => Promise<unknown>) | Promise<unknown>, error: AssertPredicate, message?: string | Error): Promise<void>;
    function doesNotReject(block: (() => Promise<unknown>) | Promise<unknown>, message?: string | Error): Promise<void>;
    function doesNotReject(block: (() => Promise<unknown>) | Promise<unknown>, error: AssertPredicate, message?: string | Error): Promise<void>;
    function ifError(value: unknown): asserts value is null | undefined;
    function match(value: string, regExp: RegExp, message?: string | Error): void;
    function doesNotMatch(value: string, regExp: RegExp, message?: string | Error): void;
    const strict: typeof assert;
  }
  export = assert;
}
declare module "node:assert/strict" {
  import { strict } from "node:assert";
  export = strict;
}
declare module "assert" {
  import assert = require("node:assert");
  export = assert;
}
declare module "assert/strict" {
  import { strict } from "node:assert";
  export = strict;
}
`;
