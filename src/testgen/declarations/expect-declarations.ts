/**
 * The `expect` API vitest and jest share, as declaration text for the
 * in-memory workspace (global namespace `PatchsmithExpect`, used by the
 * vitest and jest declarations). Parameters are loose where the real types
 * are; what matters is that a matcher that does not exist is an error.
 */
export const EXPECT_DECLARATIONS = `
declare namespace PatchsmithExpect {
  type Awaitable<T> = T | PromiseLike<T>;
  type Promisify<A> = { [K in keyof A]: A[K] extends (...args: infer P) => unknown ? (...args: P) => Promise<void> : Promisify<A[K]> };
  type ErrorExpectation = string | RegExp | Error | (new (...args: any[]) => unknown) | Record<string, unknown>;
  interface Matchers {
    toBe(expected: unknown): void;
    toEqual(expected: unknown): void;
    toStrictEqual(expected: unknown): void;
    toBeDefined(): void;
    toBeUndefined(): void;
    toBeNull(): void;
    toBeNullable(): void;
    toBeTruthy(): void;
    toBeFalsy(): void;
    toBeNaN(): void;
    toBeGreaterThan(expected: number | bigint): void;
    toBeGreaterThanOrEqual(expected: number | bigint): void;
    toBeLessThan(expected: number | bigint): void;
    toBeLessThanOrEqual(expected: number | bigint): void;
    toBeCloseTo(expected: number, digits?: number): void;
    toContain(item: unknown): void;
    toContainEqual(item: unknown): void;
    toHaveLength(length: number): void;
    toHaveProperty(path: string | readonly (string | number)[], value?: unknown): void;
    toMatch(expected: string | RegExp): void;
    toMatchObject(expected: object | readonly object[]): void;
    toThrow(expected?: ErrorExpectation): void;
    toThrowError(expected?: ErrorExpectation): void;
    toBeInstanceOf(expected: abstract new (...args: any[]) => unknown): void;
    toBeTypeOf(expected: "bigint" | "boolean" | "function" | "number" | "object" | "string" | "symbol" | "undefined"): void;
    toBeOneOf(expected: readonly unknown[]): void;
    toSatisfy(predicate: (value: any) => boolean, message?: string): void;
    toHaveBeenCalled(): void;
    toHaveBeenCalledOnce(): void;
    toHaveBeenCalledTimes(times: number): void;
    toHaveBeenCalledWith(...args: unknown[]): void;
    toHaveBeenCalledExactlyOnceWith(...args: unknown[]): void;
    toHaveBeenLastCalledWith(...args: unknown[]): void;
    toHaveBeenNthCalledWith(nth: number, ...args: unknown[]): void;
    toHaveBeenCalledBefore(other: unknown): void;
    toHaveBeenCalledAfter(other: unknown): void;
    toHaveReturned(): void;
    toHaveReturnedTimes(times: number): void;
    toHaveReturnedWith(value: unknown): void;
    toHaveLastReturnedWith(value: unknown): void;
    toHaveNthReturnedWith(nth: number, value: unknown): void;
    toHaveResolved(): void;
    toHaveResolvedWith(value: unknown): void;
    toHaveRejectedWith(value: unknown): void;
    toMatchSnapshot(hintOrShape?: string | object, hint?: string): void;
    toMatchInlineSnapshot(shapeOrSnapshot?: string | object, snapshot?: string): void;
    toMatchFileSnapshot(file: string, message?: string): Promise<void>;
    toThrowErrorMatchingSnapshot(hint?: string): void;
    toThrowErrorMatchingInlineSnapshot(snapshot?: string): void;
    toBeCalled(): void;
    toBeCalledTimes(times: number): void;
    toBeCalledWith(...args: unknown[]): void;
    lastCalledWith(...args: unknown[]): void;
    nthCalledWith(nth: number, ...args: unknown[]): void;
    toReturn(): void;
    toReturnTimes(times: number): void;
    toReturnWith(value: unknown): void;
    lastReturnedWith(value: unknown): void;
    nthReturnedWith(nth: number, value: unknown): void;
  }
  interface Assertion<T = unknown> extends Matchers {
    readonly not: Assertion<T>;
    readonly resolves: Promisify<Assertion<T>>;
    readonly rejects: Promisify<Assertion<T>>;
  }
  interface AsymmetricMatchers {
    any(constructor: unknown): any;
    anything(): any;
    objectContaining(expected: Record<string | symbol, unknown>): any;
    arrayContaining(expected: readonly unknown[]): any;
    stringContaining(expected: string): any;
    stringMatching(expected: string | RegExp): any;
    closeTo(expected: number, digits?: number): any;
  }
  interface ExpectStatic extends AsymmetricMatchers {
    <T>(actual: T, message?: string): Assertion<T>;
    soft<T>(actual: T, message?: string): Assertion<T>;
    poll<T>(actual: () => T, options?: number | { interval?: number; timeout?: number; message?: string }): Promisify<Assertion<Awaited<T>>>;
    readonly not: AsymmetricMatchers;
    assertions(count: number): void;
    hasAssertions(): void;
    extend(matchers: Record<string, (...args: any[]) => any>): void;
    unreachable(message?: string): never;
    addSnapshotSerializer(serializer: unknown): void;
    getState(): any;
  }
}
`;
