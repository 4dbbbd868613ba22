/**
 * Jest's API as declaration text: the globals (`describe`, `it`, `expect`,
 * `jest`, as @types/jest declares them) and the `@jest/globals` module.
 * Needs EXPECT_DECLARATIONS.
 */
export const JEST_DECLARATIONS = `
declare namespace jest {
  type Awaitable<T> = T | PromiseLike<T>;
  type DoneCallback = ((error?: unknown) => void) & { fail(error?: unknown): void };
  type TestBody = ((done: DoneCallback) => void) | (() => Awaitable<unknown>);
  interface Each {
    <T extends any[] | [any]>(cases: ReadonlyArray<T>): (name: string, fn: (...args: T) => Awaitable<unknown>, timeout?: number) => void;
    <T>(cases: ReadonlyArray<T>): (name: string, fn: (arg: T) => Awaitable<unknown>, timeout?: number) => void;
    (strings: TemplateStringsArray, ...values: any[]): (name: string, fn: (arg: any) => Awaitable<unknown>, timeout?: number) => void;
  }
  interface It {
    (name: string, fn?: TestBody, timeout?: number): void;
    readonly only: It;
    readonly skip: It;
    readonly failing: It;
    readonly concurrent: It;
    todo(name: string): void;
    readonly each: Each;
  }
  interface Describe {
    (name: number | string | Function, fn: () => void): void;
    readonly only: Describe;
    readonly skip: Describe;
    readonly each: Each;
  }
  type Hook = (fn: TestBody, timeout?: number) => void;
  interface MockResult { readonly type: "return" | "throw" | "incomplete"; readonly value: any }
  interface MockContext<T = any, Y extends any[] = any> {
    readonly calls: Y[];
    readonly results: MockResult[];
    readonly instances: T[];
    readonly contexts: any[];
    readonly invocationCallOrder: number[];
    readonly lastCall?: Y;
  }
  interface MockInstance<T = any, Y extends any[] = any> {
    readonly mock: MockContext<T, Y>;
    getMockName(): string;
    mockName(name: string): this;
    mockClear(): this;
    mockReset(): this;
    mockRestore(): void;
    getMockImplementation(): ((...args: Y) => T) | undefined;
    mockImplementation(fn?: (...args: Y) => T): this;
    mockImplementationOnce(fn: (...args: Y) => T): this;
    withImplementation(fn: (...args: Y) => T, callback: () => unknown): any;
    mockReturnThis(): this;
    mockReturnValue(value: T): this;
    mockReturnValueOnce(value: T): this;
    mockResolvedValue(value: Awaited<T>): this;
    mockResolvedValueOnce(value: Awaited<T>): this;
    mockRejectedValue(error: unknown): this;
    mockRejectedValueOnce(error: unknown): this;
  }
  interface Mock<T = any, Y extends any[] = any> extends Function, MockInstance<T, Y> {
    new (...args: Y): T;
    (...args: Y): T;
  }
  type MockedFunction<T extends (...args: any[]) => any> = Mock<ReturnType<T>, Parameters<T>> & T;
  type SpyInstance<T = any, Y extends any[] = any> = MockInstance<T, Y>;
  type Mocked<T> = T extends (...args: any[]) => any ? MockedFunction<T> : T & { [K in keyof T]: T[K] extends (...args: any[]) => any ? MockedFunction<T[K]> : T[K] };
  type MockedClass<T extends abstract new (...args: any[]) => any> = Mock<InstanceType<T>, ConstructorParameters<T>> & T;
  type MockedObject<T> = Mocked<T>;
  interface Jest {
    fn(): Mock;
    fn<T extends (...args: any[]) => any>(implementation?: T): Mock<ReturnType<T>, Parameters<T>> & T;
    fn<T, Y extends any[]>(implementation?: (...args: Y) => T): Mock<T, Y>;
    spyOn<T extends object, K extends keyof T>(object: T, method: K, accessType?: "get" | "set"): T[K] extends (...args: infer A) => infer R ? SpyInstance<R, A> : SpyInstance;
    mock(moduleName: string, factory?: () => unknown, options?: { virtual?: boolean }): Jest;
    unmock(moduleName: string): Jest;
    doMock(moduleName: string, factory?: () => unknown, options?: { virtual?: boolean }): Jest;
    dontMock(moduleName: string): Jest;
    requireActual<T = any>(moduleName: string): T;
    requireMock<T = any>(moduleName: string): T;
    createMockFromModule<T = any>(moduleName: string): T;
    isolateModules(fn: () => void): Jest;
    isolateModulesAsync(fn: () => Promise<void>): Promise<void>;
    resetModules(): Jest;
    mocked<T>(source: T, options?: { shallow?: boolean }): Mocked<T>;
    isMockFunction(fn: unknown): fn is Mock;
    replaceProperty<T extends object, K extends keyof T>(object: T, propertyKey: K, value: T[K]): { restore(): void; replaceValue(value: T[K]): unknown };
    clearAllMocks(): Jest;
    resetAllMocks(): Jest;
    restoreAllMocks(): Jest;
    useFakeTimers(config?: Record<string, unknown>): Jest;
    useRealTimers(): Jest;
    advanceTimersByTime(ms: number): void;
    advanceTimersByTimeAsync(ms: number): Promise<void>;
    advanceTimersToNextTimer(steps?: number): void;
    advanceTimersToNextTimerAsync(steps?: number): Promise<void>;
    runAllTimers(): void;
    runAllTimersAsync(): Promise<void>;
    runOnlyPendingTimers(): void;
    runOnlyPendingTimersAsync(): Promise<void>;
    runAllTicks(): void;
    runAllImmediates(): void;
    clearAllTimers(): void;
    getTimerCount(): number;
    now(): number;
    setSystemTime(now?: number | Date): void;
    getRealSystemTime(): number;
    setTimeout(ms: number): Jest;
    retryTimes(count: number, options?: { logErrorsBeforeRetry?: boolean }): Jest;
  }
}
declare const describe: jest.Describe;
declare const fdescribe: jest.Describe;
declare const xdescribe: jest.Describe;
declare const it: jest.It;
declare const fit: jest.It;
declare const xit: jest.It;
declare const test: jest.It;
declare const xtest: jest.It;
declare const beforeAll: jest.Hook;
declare const afterAll: jest.Hook;
declare const beforeEach: jest.Hook;
declare const afterEach: jest.Hook;
declare const expect: PatchsmithExpect.ExpectStatic;
declare const jest: jest.Jest;

declare module "@jest/globals" {
  export const describe: jest.Describe;
  export const fdescribe: jest.Describe;
  export const xdescribe: jest.Describe;
  export const it: jest.It;
  export const fit: jest.It;
  export const xit: jest.It;
  export const test: jest.It;
  export const xtest: jest.It;
  export const beforeAll: jest.Hook;
  export const afterAll: jest.Hook;
  export const beforeEach: jest.Hook;
  export const afterEach: jest.Hook;
  export const expect: PatchsmithExpect.ExpectStatic;
  export const jest: jest.Jest;
}
`;
