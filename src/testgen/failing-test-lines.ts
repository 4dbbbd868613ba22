/**
 * The lines of a test file that a failed run's output points at: stack
 * frames (`at … (/tmp/…/src/util.test.ts:12:5)`, `file:///…:12:5`), vitest's
 * `❯ src/util.test.ts:12:5` and node:test's `location:` lines. They say which
 * cases failed without parsing each runner's report format; every runner
 * named in learnTestConventions maps TypeScript back to its source lines.
 * Sorted, without repeats; empty when the output names none (a time-out, a
 * crash before any case ran).
 */
export function failingTestLines(output: string, testPath: string): number[] {
  const escaped = testPath.replace(/^\.\//, "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const pattern = new RegExp(`(?:^|[\\s('"/])${escaped}:(\\d+)(?::\\d+)?`, "gm");
  const lines = new Set<number>();
  for (const match of output.matchAll(pattern)) {
    const line = Number(match[1]);
    if (Number.isInteger(line) && line > 0) lines.add(line);
  }
  return [...lines].sort((a, b) => a - b);
}
