/** The `vitest` module as declaration text (needs EXPECT_DECLARATIONS and CHAI_DECLARATIONS). */
export const VITEST_DECLARATIONS = `
declare module "vitest" {
  type Awaitable<T> = T | PromiseLike<T>;
  type Procedure = (...args: any[]) => any;
  export type ExpectStatic = PatchsmithExpect.ExpectStatic;
  export type Assertion<T = unknown> = PatchsmithExpect.Assertion<T>;
  export interface TestContext {
    readonly expect: ExpectStatic;
    readonly task: { readonly name: string };
    readonly signal: AbortSignal;
    skip(note?: string): never;
    skip(condition: boolean, note?: string): void;
    onTestFailed(fn: () => Awaitable<void>): void;
    onTestFinished(fn: () => Awaitable<void>): void;
  }
  export interface TestOptions {
    timeout?: number;
    retry?: number;
    repeats?: number;
    skip?: boolean;
    only?: boolean;
    todo?: boolean;
    fails?: boolean;
    concurrent?: boolean;
    sequential?: boolean;
  }
  type TestBody = (context: TestContext) => Awaitable<unknown>;
  type SuiteBody = () => Awaitable<unknown>;
  interface EachFunction<Body> {
    <T extends any[] | [any]>(cases: ReadonlyArray<T>): (name: string | Function, fn: (...args: T) => Awaitable<unknown>, options?: number | TestOptions) => void;
    <T>(cases: ReadonlyArray<T>): (name: string | Function, fn: (arg: T) => Awaitable<unknown>, options?: number | TestOptions) => void;
    (strings: TemplateStringsArray, ...values: any[]): (name: string | Function, fn: (arg: any) => Awaitable<unknown>, options?: number | TestOptions) => void;
  }
  interface ChainableApi<Body> {
    (name: string | Function, fn?: Body, options?: number | TestOptions): void;
    (name: string | Function, options: TestOptions, fn?: Body): void;
    readonly only: ChainableApi<Body>;
    readonly skip: ChainableApi<Body>;
    readonly concurrent: ChainableApi<Body>;
    readonly sequential: ChainableApi<Body>;
    readonly fails: ChainableApi<Body>;
    todo(name: string | Function): void;
    skipIf(condition: unknown): ChainableApi<Body>;
    runIf(condition: unknown): ChainableApi<Body>;
    readonly each: EachFunction<Body>;
  }
  export interface TestAPI extends ChainableApi<TestBody> {
    for<T>(cases: ReadonlyArray<T>): (name: string | Function, fn: (arg: T, context: TestContext) => Awaitable<unknown>) => void;
    extend<T extends Record<string, any>>(fixtures: Record<string, unknown>): TestAPI;
  }
  export interface SuiteAPI extends ChainableApi<SuiteBody> {
    readonly shuffle: SuiteAPI;
  }
  export interface MockResult {
    readonly type: "return" | "throw" | "incomplete";
    readonly value: any;
  }
  export interface MockContext<T extends Procedure = Procedure> {
    readonly calls: Parameters<T>[];
    readonly results: MockResult[];
    readonly settledResults: { readonly type: "fulfilled" | "rejected" | "incomplete"; readonly value: any }[];
    readonly instances: any[];
    readonly contexts: any[];
    readonly invocationCallOrder: number[];
    readonly lastCall: Parameters<T> | undefined;
  }
  export interface MockInstance<T extends Procedure = Procedure> {
    readonly mock: MockContext<T>;
    getMockName(): string;
    mockName(name: string): this;
    mockClear(): this;
    mockReset(): this;
    mockRestore(): void;
    getMockImplementation(): T | undefined;
    mockImplementation(fn: T): this;
    mockImplementationOnce(fn: T): this;
    withImplementation(fn: T, callback: () => unknown): any;
    mockReturnThis(): this;
    mockReturnValue(value: ReturnType<T>): this;
    mockReturnValueOnce(value: ReturnType<T>): this;
    mockResolvedValue(value: Awaited<ReturnType<T>>): this;
    mockResolvedValueOnce(value: Awaited<ReturnType<T>>): this;
    mockRejectedValue(error: unknown): this;
    mockRejectedValueOnce(error: unknown): this;
  }
  export interface Mock<T extends Procedure = Procedure> extends MockInstance<T> {
    (...args: Parameters<T>): ReturnType<T>;
    new (...args: Parameters<T>): ReturnType<T>;
  }
  export type MockedFunction<T extends Procedure> = Mock<T> & T;
  export type MockedObject<T> = T & { [K in keyof T]: T[K] extends Procedure ? MockedFunction<T[K]> : T[K] };
  export type Mocked<T> = T extends Procedure ? MockedFunction<T> : MockedObject<T>;
  export interface VitestUtils {
    fn(): Mock<Procedure>;
    fn<T extends Procedure>(implementation?: T): Mock<T>;
    spyOn<T, K extends keyof T>(object: T, method: K, accessType?: "get" | "set"): MockInstance<T[K] extends Procedure ? T[K] : Procedure>;
    mock(path: string, factory?: (importOriginal: <M = any>() => Promise<M>) => unknown): void;
    mock(path: string, options: { spy?: boolean }): void;
    doMock(path: string, factory?: (importOriginal: <M = any>() => Promise<M>) => unknown): void;
    unmock(path: string): void;
    doUnmock(path: string): void;
    hoisted<T>(factory: () => T): T;
    importActual<T = any>(path: string): Promise<T>;
    importMock<T = any>(path: string): Promise<T>;
    mocked<T>(item: T, deep?: boolean | { partial?: boolean; deep?: boolean }): Mocked<T>;
    isMockFunction(fn: unknown): fn is MockInstance;
    clearAllMocks(): VitestUtils;
    resetAllMocks(): VitestUtils;
    restoreAllMocks(): VitestUtils;
    useFakeTimers(config?: Record<string, unknown>): VitestUtils;
    useRealTimers(): VitestUtils;
    isFakeTimers(): boolean;
    advanceTimersByTime(ms: number): VitestUtils;
    advanceTimersByTimeAsync(ms: number): Promise<VitestUtils>;
    advanceTimersToNextTimer(steps?: number): VitestUtils;
    advanceTimersToNextTimerAsync(steps?: number): Promise<VitestUtils>;
    advanceTimersToNextFrame(): VitestUtils;
    runAllTimers(): VitestUtils;
    runAllTimersAsync(): Promise<VitestUtils>;
    runOnlyPendingTimers(): VitestUtils;
    runOnlyPendingTimersAsync(): Promise<VitestUtils>;
    runAllTicks(): VitestUtils;
    clearAllTimers(): VitestUtils;
    getTimerCount(): number;
    setSystemTime(time: number | string | Date): VitestUtils;
    getMockedSystemTime(): Date | null;
    getRealSystemTime(): number;
    stubGlobal(name: string | symbol | number, value: unknown): VitestUtils;
    unstubAllGlobals(): VitestUtils;
    stubEnv(name: string, value: string | undefined): VitestUtils;
    unstubAllEnvs(): VitestUtils;
    resetModules(): VitestUtils;
    dynamicImportSettled(): Promise<void>;
    waitFor<T>(callback: () => T | Promise<T>, options?: number | { timeout?: number; interval?: number }): Promise<T>;
    waitUntil<T>(callback: () => T | Promise<T>, options?: number | { timeout?: number; interval?: number }): Promise<T>;
    setConfig(config: Record<string, unknown>): void;
    resetConfig(): void;
  }
  type Hook<Args extends unknown[]> = (fn: (...args: Args) => Awaitable<unknown>, timeout?: number) => void;
  export const describe: SuiteAPI;
  export const suite: SuiteAPI;
  export const it: TestAPI;
  export const test: TestAPI;
  export const bench: any;
  export const expect: ExpectStatic;
  export const assert: Chai.AssertStatic;
  export const should: () => void;
  export const chai: any;
  export const vi: VitestUtils;
  export const vitest: VitestUtils;
  export const beforeAll: Hook<[]>;
  export const afterAll: Hook<[]>;
  export const beforeEach: Hook<[context: TestContext]>;
  export const afterEach: Hook<[context: TestContext]>;
  export function onTestFailed(fn: () => Awaitable<void>): void;
  export function onTestFinished(fn: () => Awaitable<void>): void;
  export const expectTypeOf: any;
  export const assertType: <T>(value: T) => void;
}
`;
