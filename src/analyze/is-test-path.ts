const SCRIPT = /\.(?:[cm]?[jt]sx?)$/;
const DECLARATION = /\.d\.[cm]?ts$/;
const TEST_NAME = /\.(?:test|spec)\.[cm]?[jt]sx?$/;
const TEST_DIRS = new Set(["test", "tests", "__tests__"]);
/** Folders under a test folder that hold data and helpers, not tests. */
const NOT_TESTS = new Set(["fixtures", "__fixtures__", "__mocks__", "__snapshots__", "node_modules"]);

/**
 * Whether a repository path is a test file, by the conventions test runners
 * use: `*.test.*` / `*.spec.*` anywhere, or any script under a `test/`,
 * `tests/` or `__tests__/` folder (fixtures, mocks and declaration files excluded).
 */
export function isTestPath(path: string): boolean {
  if (!SCRIPT.test(path) || DECLARATION.test(path)) return false;
  const dirs = path.split("/").slice(0, -1);
  if (dirs.some((dir) => NOT_TESTS.has(dir))) return false;
  return TEST_NAME.test(path) || dirs.some((dir) => TEST_DIRS.has(dir));
}
