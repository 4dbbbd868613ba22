import type ts from "typescript";
import { createModuleResolver, type ModuleResolver } from "../analyze/create-module-resolver.js";
import { isTestPath } from "../analyze/is-test-path.js";
import { readModuleReferences } from "../analyze/read-module-references.js";
import { mapWithConcurrency } from "../llm/findings/map-with-concurrency.js";
import type { FileSource, Notice } from "../types.js";
import { readCompilerOptions } from "../workspace/read-compiler-options.js";
import type { TestFileText } from "./learn-test-conventions.js";
import { stemOf } from "./test-file-name.js";

/** What the test step knows about a snapshot: its paths, config, test files and the modules they import. */
export interface TestContext {
  readonly knownPaths: ReadonlySet<string>;
  /** Every file read: package.json, tsconfig files, the changed scripts, test files, modules tests import. */
  readonly files: ReadonlyMap<string, string>;
  readonly tests: readonly TestFileText[];
  readonly compilerOptions: ts.CompilerOptions;
  readonly resolve: ModuleResolver;
  readonly notices: readonly Notice[];
}

const DEFAULT_MAX_TEST_FILES = 300;
const MAX_IMPORTED_MODULES = 200;
const CONFIG_FILE = /(?:^|\/)tsconfig[^/]*\.json$/;
const SCRIPT = /\.(?:[cm]?[jt]sx?)$/;
const VENDORED = /(?:^|\/)(?:node_modules|vendor|dist|build|coverage)\//;

/**
 * Read what finding untested code needs, through the snapshot's FileSource
 * (the git tree; nothing is checked out or run):
 *  1. list every path; read package.json and the tsconfig files as data;
 *  2. read the changed scripts, then the test files, those of the pull request
 *     and those named like a changed module first, at most `maxTestFiles`
 *     (a notice says when more exist);
 *  3. read the modules those tests import, and what those import or re-export, two levels deep.
 */
export async function loadTestContext(params: {
  readonly source: FileSource;
  /** Paths the change touches (sources and tests). */
  readonly changedPaths: readonly string[];
  /** Texts already in memory (the review's head workspace), to avoid reading twice. */
  readonly known?: (path: string) => string | undefined;
  readonly maxTestFiles?: number;
  readonly concurrency?: number;
  /** The review's acquired dependency declarations, so a tsconfig that extends a package is followed. */
  readonly dependencies?: ReadonlyMap<string, string>;
}): Promise<TestContext> {
  const knownPaths = new Set(await params.source.listPaths());
  const files = new Map<string, string>();
  const notices: Notice[] = [];
  const concurrency = params.concurrency ?? 8;
  const read = async (paths: readonly string[]): Promise<void> => {
    const wanted = paths.filter((p) => !files.has(p) && knownPaths.has(p));
    const texts = await mapWithConcurrency(wanted, concurrency, async (p) => {
      const inMemory = params.known?.(p);
      if (inMemory !== undefined) return inMemory;
      const result = await params.source.readText(p);
      return result.kind === "text" ? result.text : undefined;
    });
    wanted.forEach((p, index) => {
      const text = texts[index];
      if (text !== undefined) files.set(p, text);
    });
  };

  // 1. Config.
  await read(["package.json", ...[...knownPaths].filter((p) => CONFIG_FILE.test(p) && !VENDORED.test(p)).slice(0, 50)]);
  const { options: compilerOptions } = readCompilerOptions({
    configPath: "tsconfig.json",
    readFile: (p) => files.get(p),
    fileExists: (p) => files.has(p),
    ...(params.dependencies ? { dependencies: params.dependencies } : {}),
  });

  // 2. The changed scripts, then the tests, most relevant first.
  await read(params.changedPaths.filter((p) => SCRIPT.test(p)));
  const changed = new Set(params.changedPaths);
  const changedStems = new Set(params.changedPaths.filter((p) => !isTestPath(p)).map(stemOf));
  const candidates = [...knownPaths].filter((p) => isTestPath(p) && !VENDORED.test(p));
  const rank = (p: string): number => (changed.has(p) ? 0 : changedStems.has(stemOf(p)) ? 1 : 2);
  candidates.sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const maxTests = params.maxTestFiles ?? DEFAULT_MAX_TEST_FILES;
  if (candidates.length > maxTests) {
    notices.push({
      message: `The repository has ${candidates.length} test files; the ${maxTests} most related to this change were read to find what is tested, so an export tested elsewhere may be reported as untested.`,
    });
  }
  const testPaths = candidates.slice(0, maxTests);
  await read(testPaths);
  const tests = testPaths.filter((p) => files.has(p)).map((p) => ({ path: p, text: files.get(p) ?? "" }));

  // 3. Modules the tests import, for what they import and re-export.
  const resolve = createModuleResolver({ knownPaths, compilerOptions, readFile: (p) => files.get(p) });
  let frontier = tests.map((test) => ({ path: test.path, text: test.text }));
  for (let depth = 0; depth < 2 && frontier.length > 0; depth++) {
    const next = new Set<string>();
    for (const file of frontier) {
      const references = readModuleReferences(file.path, file.text);
      // Imports too, not only re-exports: a module a test reaches through an index's or a helper's own imports counts as reached.
      const specifiers = [...references.imports.map((entry) => entry.specifier), ...references.reexports.map((entry) => entry.specifier)];
      for (const specifier of specifiers) {
        const target = resolve(file.path, specifier);
        if (target !== undefined && !files.has(target) && !isTestPath(target)) next.add(target);
      }
    }
    const batch = [...next].slice(0, MAX_IMPORTED_MODULES);
    await read(batch);
    frontier = batch.filter((p) => files.has(p)).map((p) => ({ path: p, text: files.get(p) ?? "" }));
  }
  return { knownPaths, files, tests, compilerOptions, resolve, notices };
}
