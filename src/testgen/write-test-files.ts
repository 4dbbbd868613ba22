import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { GeneratedTest } from "./tests-report.js";

export interface WrittenTests {
  readonly written: readonly string[];
  /** Files left alone, with the reason. */
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
}

/**
 * `patchsmith review --write-tests`: write the generated test files into the
 * working tree. A file is written only when that loses nothing: it does not
 * exist yet, or it is exactly the version the tests were generated from (so
 * uncommitted edits are never overwritten). Paths outside the checkout are refused.
 */
export async function writeTestFiles(params: {
  readonly repoDir: string;
  readonly tests: readonly GeneratedTest[];
  /** The text each existing test file had at the reviewed revision. */
  readonly reviewedText: (path: string) => Promise<string | undefined>;
}): Promise<WrittenTests> {
  const root = path.resolve(params.repoDir);
  const written: string[] = [];
  const skipped: { path: string; reason: string }[] = [];
  for (const test of params.tests) {
    const target = path.resolve(root, test.path);
    if (path.isAbsolute(test.path) || !target.startsWith(`${root}${path.sep}`)) {
      skipped.push({ path: test.path, reason: "the path is outside the checkout" });
      continue;
    }
    const current = await readFile(target, "utf8").catch(() => undefined);
    if (current !== undefined) {
      const reviewed = test.existing ? await params.reviewedText(test.path) : undefined;
      if (reviewed === undefined || current !== reviewed) {
        skipped.push({ path: test.path, reason: "the file in the working tree differs from the reviewed revision; commit or stash your changes and run again" });
        continue;
      }
    }
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, test.content);
    written.push(test.path);
  }
  return { written, skipped };
}
