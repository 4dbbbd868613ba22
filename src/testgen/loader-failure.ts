/** What a test runner prints when it cannot load a file at all: its setup is missing (a transform, ESM), not the test's assertions. */
const LOADER_FAILURES = [
  /SyntaxError: Cannot use import statement outside a module/,
  /Jest encountered an unexpected token/,
  /ERR_UNKNOWN_FILE_EXTENSION/,
  /ERR_REQUIRE_ESM/,
];

/**
 * The line of a failed run's output that says the runner could not load the
 * test file, or undefined when the failure is the test's own. Such a failure
 * is the repository's setup (its own tests of the same kind fail the same
 * way), so it must not be fed back to the model as the test's mistake.
 */
export function loaderFailure(output: string): string | undefined {
  for (const line of output.split(/\r?\n/)) if (LOADER_FAILURES.some((pattern) => pattern.test(line))) return line.trim().slice(0, 200);
  return undefined;
}
