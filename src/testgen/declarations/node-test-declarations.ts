/** The `node:test` module as declaration text. */
export const NODE_TEST_DECLARATIONS = `
declare module "node:test" {
  type Awaitable<T> = T | PromiseLike<T>;
  interface TestOptions {
    concurrency?: number | boolean;
    only?: boolean;
    signal?: AbortSignal;
    skip?: boolean | string;
    todo?: boolean | string;
    timeout?: number;
    plan?: number;
  }
  interface HookOptions {
    signal?: AbortSignal;
    timeout?: number;
  }
  type TestFn = (t: TestContext, done: (result?: unknown) => void) => unknown;
  type SuiteFn = (s: SuiteContext) => Awaitable<void>;
  type HookFn = (c: TestContext | SuiteContext, done: (result?: unknown) => void) => unknown;
  interface Test {
    (name?: string, fn?: TestFn): Promise<void>;
    (name?: string, options?: TestOptions, fn?: TestFn): Promise<void>;
    (options?: TestOptions, fn?: TestFn): Promise<void>;
    (fn?: TestFn): Promise<void>;
    skip: Test;
    todo: Test;
    only: Test;
  }
  interface Suite {
    (name?: string, fn?: SuiteFn): Promise<void>;
    (name?: string, options?: TestOptions, fn?: SuiteFn): Promise<void>;
    (options?: TestOptions, fn?: SuiteFn): Promise<void>;
    (fn?: SuiteFn): Promise<void>;
    skip: Suite;
    todo: Suite;
    only: Suite;
  }
  interface MockFunctionCall {
    readonly arguments: any[];
    readonly error: unknown;
    readonly result: any;
    readonly stack: Error;
    readonly target: any;
    readonly this: any;
  }
  interface MockFunctionContext {
    readonly calls: MockFunctionCall[];
    callCount(): number;
    mockImplementation(implementation: Function): void;
    mockImplementationOnce(implementation: Function, onCall?: number): void;
    resetCalls(): void;
    restore(): void;
  }
  type Mock<F> = F & { readonly mock: MockFunctionContext };
  interface MockTimers {
    enable(options?: { apis?: readonly string[]; now?: number | Date }): void;
    reset(): void;
    tick(milliseconds?: number): void;
    runAll(): void;
    setTime(milliseconds: number): void;
  }
  interface MockTracker {
    fn<F extends Function = (...args: any[]) => undefined>(original?: F, options?: { times?: number }): Mock<F>;
    fn<F extends Function, I extends Function = F>(original: F, implementation: I, options?: { times?: number }): Mock<F | I>;
    method<T extends object, K extends keyof T>(object: T, methodName: K, implementation?: Function, options?: { getter?: boolean; setter?: boolean; times?: number }): Mock<T[K]>;
    getter<T extends object, K extends keyof T>(object: T, methodName: K, implementation?: Function, options?: { times?: number }): Mock<() => T[K]>;
    setter<T extends object, K extends keyof T>(object: T, methodName: K, implementation?: Function, options?: { times?: number }): Mock<(value: T[K]) => void>;
    reset(): void;
    restoreAll(): void;
    readonly timers: MockTimers;
  }
  interface TestContext {
    readonly name: string;
    readonly fullName: string;
    readonly filePath: string | undefined;
    readonly signal: AbortSignal;
    readonly mock: MockTracker;
    readonly assert: typeof import("node:assert");
    after(fn?: HookFn, options?: HookOptions): void;
    afterEach(fn?: HookFn, options?: HookOptions): void;
    before(fn?: HookFn, options?: HookOptions): void;
    beforeEach(fn?: HookFn, options?: HookOptions): void;
    diagnostic(message: string): void;
    plan(count: number): void;
    runOnly(shouldRunOnlyTests: boolean): void;
    skip(message?: string): void;
    todo(message?: string): void;
    test: Test;
  }
  interface SuiteContext {
    readonly name: string;
    readonly filePath: string | undefined;
    readonly signal: AbortSignal;
  }
  const test: Test & {
    readonly test: Test;
    readonly it: Test;
    readonly describe: Suite;
    readonly suite: Suite;
    readonly mock: MockTracker;
    before(fn?: HookFn, options?: HookOptions): void;
    after(fn?: HookFn, options?: HookOptions): void;
    beforeEach(fn?: HookFn, options?: HookOptions): void;
    afterEach(fn?: HookFn, options?: HookOptions): void;
  };
  export default test;
  export { test };
  export const it: Test;
  export const describe: Suite;
  export const suite: Suite;
  export const mock: MockTracker;
  export function before(fn?: HookFn, options?: HookOptions): void;
  export function after(fn?: HookFn, options?: HookOptions): void;
  export function beforeEach(fn?: HookFn, options?: HookOptions): void;
  export function afterEach(fn?: HookFn, options?: HookOptions): void;
  export type { TestContext, SuiteContext, TestOptions, Mock, MockTracker };
}
`;
