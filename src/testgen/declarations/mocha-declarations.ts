/** Mocha's globals (`describe`, `it`, hooks) and the `mocha` module as declaration text. */
export const MOCHA_DECLARATIONS = `
declare namespace Mocha {
  type Done = (error?: unknown) => void;
  interface Context {
    timeout(ms: number | string): this;
    slow(ms: number | string): this;
    retries(count: number): this;
    skip(): never;
    readonly test?: { readonly title: string };
  }
  type Func = ((this: Context, done: Done) => void) | ((this: Context) => unknown);
  interface Suite {
    timeout(ms: number | string): this;
    retries(count: number): this;
    slow(ms: number | string): this;
  }
  interface SuiteFunction {
    (title: string, fn: (this: Suite) => void): Suite;
    only(title: string, fn: (this: Suite) => void): Suite;
    skip(title: string, fn: (this: Suite) => void): Suite | void;
  }
  interface TestFunction {
    (title: string, fn?: Func): unknown;
    (fn: Func): unknown;
    only(title: string, fn?: Func): unknown;
    skip(title: string, fn?: Func): unknown;
    retries(count: number): void;
  }
  interface HookFunction {
    (fn: Func): void;
    (name: string, fn?: Func): void;
  }
}
declare const describe: Mocha.SuiteFunction;
declare const context: Mocha.SuiteFunction;
declare const suite: Mocha.SuiteFunction;
declare const xdescribe: Mocha.SuiteFunction;
declare const it: Mocha.TestFunction;
declare const specify: Mocha.TestFunction;
declare const test: Mocha.TestFunction;
declare const xit: Mocha.TestFunction;
declare const before: Mocha.HookFunction;
declare const after: Mocha.HookFunction;
declare const beforeEach: Mocha.HookFunction;
declare const afterEach: Mocha.HookFunction;
declare const suiteSetup: Mocha.HookFunction;
declare const suiteTeardown: Mocha.HookFunction;
declare const setup: Mocha.HookFunction;
declare const teardown: Mocha.HookFunction;

declare module "mocha" {
  export const describe: Mocha.SuiteFunction;
  export const context: Mocha.SuiteFunction;
  export const it: Mocha.TestFunction;
  export const specify: Mocha.TestFunction;
  export const before: Mocha.HookFunction;
  export const after: Mocha.HookFunction;
  export const beforeEach: Mocha.HookFunction;
  export const afterEach: Mocha.HookFunction;
}
`;
