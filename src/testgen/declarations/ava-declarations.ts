/** The `ava` module as declaration text. */
export const AVA_DECLARATIONS = `
declare module "ava" {
  interface ThrowsExpectation {
    instanceOf?: abstract new (...args: any[]) => any;
    is?: unknown;
    message?: string | RegExp | ((message: string) => boolean);
    name?: string;
    code?: string | number;
    any?: boolean;
  }
  export interface ExecutionContext<Context = unknown> {
    context: Context;
    readonly title: string;
    readonly passed: boolean;
    assert(actual: unknown, message?: string): boolean;
    is<T>(actual: T, expected: T, message?: string): boolean;
    not<T>(actual: T, expected: T, message?: string): boolean;
    deepEqual<T>(actual: T, expected: T, message?: string): boolean;
    notDeepEqual<T>(actual: T, expected: T, message?: string): boolean;
    like(value: unknown, selector: Record<string, unknown>, message?: string): boolean;
    true(actual: unknown, message?: string): boolean;
    false(actual: unknown, message?: string): boolean;
    truthy(actual: unknown, message?: string): boolean;
    falsy(actual: unknown, message?: string): boolean;
    pass(message?: string): void;
    fail(message?: string): void;
    regex(value: string, pattern: RegExp, message?: string): boolean;
    notRegex(value: string, pattern: RegExp, message?: string): boolean;
    throws<E = Error>(fn: () => unknown, expectations?: ThrowsExpectation, message?: string): E | undefined;
    throwsAsync<E = Error>(thrower: (() => PromiseLike<unknown>) | PromiseLike<unknown>, expectations?: ThrowsExpectation, message?: string): Promise<E | undefined>;
    notThrows(fn: () => unknown, message?: string): void;
    notThrowsAsync(nonThrower: (() => PromiseLike<unknown>) | PromiseLike<unknown>, message?: string): Promise<void>;
    snapshot(expected: unknown, message?: string): void;
    plan(count: number): void;
    log(...values: unknown[]): void;
    teardown(fn: () => unknown): void;
    timeout(ms: number, message?: string): void;
  }
  export type Implementation<Args extends unknown[] = any[]> = (t: ExecutionContext, ...args: Args) => unknown;
  export interface Macro<Args extends unknown[] = any[]> {
    exec: Implementation<Args>;
    title?: (providedTitle: string | undefined, ...args: Args) => string;
  }
  type Hook = {
    (implementation: Implementation): void;
    (title: string, implementation: Implementation): void;
    readonly always: Hook;
  };
  export interface TestFn {
    (title: string, implementation: Implementation | Macro, ...args: any[]): void;
    readonly serial: TestFn;
    readonly only: TestFn;
    readonly skip: TestFn;
    readonly failing: TestFn;
    todo(title: string): void;
    readonly before: Hook;
    readonly after: Hook;
    readonly beforeEach: Hook;
    readonly afterEach: Hook;
    macro<Args extends unknown[]>(implementation: Implementation<Args> | Macro<Args>): Macro<Args>;
  }
  const test: TestFn;
  export default test;
}
`;
