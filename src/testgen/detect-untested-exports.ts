import { findUntestedExports, type UntestedExport } from "../analyze/find-untested-exports.js";
import { isTestPath } from "../analyze/is-test-path.js";
import { listChangedExports, type ChangedExport } from "../analyze/list-changed-exports.js";
import { readModuleReferences, type ModuleReferences } from "../analyze/read-module-references.js";
import { isScriptPath } from "../diff/classify-path.js";
import { addedLines } from "../diff/commentable-lines.js";
import type { FileDiff } from "../types.js";
import type { TestContext } from "./load-test-context.js";

export interface Detection {
  /** Changed exported functions, classes and methods of non-test source files. */
  readonly changed: readonly ChangedExport[];
  readonly untested: readonly UntestedExport[];
  /** Test files that import a module (directly), for finding a module's existing test file. */
  readonly importers: (path: string) => readonly string[];
}

/** Not source worth testing: declarations, config scripts, dotfiles. */
const NOT_SOURCE = /(?:\.d\.[cm]?ts$|(?:^|\/)\.[^/]*$|\.config\.[cm]?[jt]s$|(?:^|\/)(?:Gruntfile|Gulpfile|gulpfile|Jakefile)\.[cm]?js$)/;

/**
 * The untested exports of a change: list what each changed non-test source
 * file exports on its added lines, then keep what no test file (in the pull
 * request or the repository) imports and mentions.
 */
export function detectUntestedExports(params: {
  readonly diff: readonly FileDiff[];
  readonly context: TestContext;
  /** The head text of a changed file. */
  readonly headText: (path: string) => string | undefined;
}): Detection {
  const { context } = params;
  const changed: ChangedExport[] = [];
  for (const file of params.diff) {
    if (file.status === "removed" || file.status === "binary" || !isScriptPath(file.path) || isTestPath(file.path) || NOT_SOURCE.test(file.path)) continue;
    const text = params.headText(file.path);
    if (text === undefined) continue;
    changed.push(...listChangedExports({ path: file.path, text, changedLines: addedLines(file) }));
  }
  const referencesCache = new Map<string, ModuleReferences | undefined>();
  const moduleReferences = (path: string): ModuleReferences | undefined => {
    if (!referencesCache.has(path)) {
      const text = context.files.get(path) ?? params.headText(path);
      referencesCache.set(path, text === undefined ? undefined : readModuleReferences(path, text));
    }
    return referencesCache.get(path);
  };
  const tests = context.tests.map((test) => ({ path: test.path, references: readModuleReferences(test.path, test.text) }));
  const importersOf = new Map<string, string[]>();
  for (const test of tests) {
    for (const entry of test.references.imports) {
      const target = context.resolve(test.path, entry.specifier);
      if (target === undefined) continue;
      const list = importersOf.get(target) ?? [];
      if (!list.includes(test.path)) list.push(test.path);
      importersOf.set(target, list);
    }
  }
  const untested = changed.length === 0 ? [] : findUntestedExports({ changed, tests, moduleReferences, resolve: context.resolve });
  return { changed, untested, importers: (path) => importersOf.get(path) ?? [] };
}
