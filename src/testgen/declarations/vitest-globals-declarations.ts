/** `globals: true` in a vitest config: the same API without imports. */
export const VITEST_GLOBALS_DECLARATIONS = `
declare const describe: import("vitest").SuiteAPI;
declare const suite: import("vitest").SuiteAPI;
declare const it: import("vitest").TestAPI;
declare const test: import("vitest").TestAPI;
declare const expect: import("vitest").ExpectStatic;
declare const assert: Chai.AssertStatic;
declare const vi: import("vitest").VitestUtils;
declare const vitest: import("vitest").VitestUtils;
declare const beforeAll: (fn: () => unknown, timeout?: number) => void;
declare const afterAll: (fn: () => unknown, timeout?: number) => void;
declare const beforeEach: (fn: (context: import("vitest").TestContext) => unknown, timeout?: number) => void;
declare const afterEach: (fn: (context: import("vitest").TestContext) => unknown, timeout?: number) => void;
declare const onTestFailed: (fn: () => unknown) => void;
declare const onTestFinished: (fn: () => unknown) => void;
`;
