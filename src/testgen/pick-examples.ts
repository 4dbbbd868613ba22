import path from "node:path/posix";
import type { TestFileText } from "./learn-test-conventions.js";

/**
 * One or two existing tests to show the model as examples of the
 * repository's style: the closest to where the new test goes (fewest folders
 * apart), then the shortest; never the target file itself and never a huge one.
 */
export function pickExamples(params: { readonly tests: readonly TestFileText[]; readonly testPath: string; readonly max?: number; readonly maxChars?: number }): TestFileText[] {
  const maxChars = params.maxChars ?? 12_000;
  const target = path.dirname(params.testPath).split("/");
  const distance = (file: string): number => {
    const dirs = path.dirname(file).split("/");
    let common = 0;
    while (common < dirs.length && common < target.length && dirs[common] === target[common]) common++;
    return dirs.length + target.length - 2 * common;
  };
  return params.tests
    .filter((test) => test.path !== params.testPath && test.text.trim() !== "" && test.text.length <= maxChars)
    .map((test) => ({ test, distance: distance(test.path) }))
    .sort((a, b) => a.distance - b.distance || a.test.text.length - b.test.text.length || a.test.path.localeCompare(b.test.path))
    .slice(0, params.max ?? 2)
    .map((entry) => entry.test);
}
