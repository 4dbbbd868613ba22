import js from "@eslint/js";
import { Linter } from "eslint";
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import path from "node:path";
import globals from "globals";
import tseslint from "typescript-eslint";
import tsPlugin from "@typescript-eslint/eslint-plugin";
import { createLru } from "./create-lru.js";
import { defaultRules, recommendedRules } from "./rule-policy.js";
import { toVirtual, VIRTUAL_ROOT } from "./virtual-root.js";


export type RuleSetting = "off" | "warn" | "error";
/** A severity, or a severity with the rule's options (JSON data from a repository's legacy ESLint config). */
export type RuleEntry = RuleSetting | readonly [RuleSetting, ...unknown[]];

export interface SafeLinter {
  /** Lint in-memory text; `path` is repository-relative. No file or config-file I/O happens. */
  lint(path: string, text: string): Linter.LintMessage[];
}

const TS_FILES = ["**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts"];
const JS_FILES = ["**/*.js", "**/*.jsx", "**/*.mjs", "**/*.cjs"];

/**
 * The rules we ship: @eslint/js recommended plus typescript-eslint recommended,
 * at the severities of their class in RULE_POLICY (bugs are errors,
 * conventions warnings, taste off), plus the correctness rules it adds.
 * `overrides` (the repository's word) come last. Built here, in our code: the repository's eslint.config.* is executable code
 * from whoever opened the pull request and is never loaded.
 */
export function builtinLintConfig(overrides: Readonly<Record<string, RuleEntry>> = {}): Linter.Config[] {
  const known = knownRuleNames();
  const rules: Linter.RulesRecord = {};
  for (const [name, setting] of Object.entries(overrides)) {
    // Only rules we ship can be switched; an unknown name in a repository config is ignored by the caller's validation.
    if (known.has(name)) rules[name] = (typeof setting === "string" ? setting : [...setting]);
  }
  const shared: Linter.Config = {
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      globals: { ...globals.es2021, ...globals.node, ...globals.browser },
      parserOptions: { ecmaFeatures: { jsx: true } },
    },
    linterOptions: { reportUnusedDisableDirectives: "off", noInlineConfig: false },
  };
  return [
    { ...shared, files: [...JS_FILES, ...TS_FILES] },
    { ...js.configs.recommended, files: [...JS_FILES, ...TS_FILES] },
    ...(tseslint.configs.recommended as Linter.Config[]).map((config) => ({ ...config, files: TS_FILES })),
    { files: JS_FILES, languageOptions: { sourceType: "module" } },
    { files: ["**/*.cjs"], languageOptions: { sourceType: "commonjs" } },
    { files: JS_FILES, rules: DEFAULTS.javascript },
    { files: TS_FILES, rules: DEFAULTS.typescript },
    { files: [...JS_FILES, ...TS_FILES], rules },
  ];
}

const RECOMMENDED = recommendedRules();
const DEFAULTS = { javascript: defaultRules(RECOMMENDED.javascript), typescript: defaultRules(RECOMMENDED.typescript) };

const tsRules: Readonly<Record<string, unknown>> = tsPlugin.rules;
let ruleNames: Set<string> | undefined;

/** Names of every rule patchsmith ships (core rules and @typescript-eslint/*). */
export function knownRuleNames(): ReadonlySet<string> {
  if (ruleNames) return ruleNames;
  const names = new Set<string>(Object.keys(js.configs.all.rules));
  for (const name of Object.keys(tsRules)) names.add(`@typescript-eslint/${name}`);
  ruleNames = names;
  return names;
}

/**
 * Rule entries that ESLint accepts: an entry whose options fail the rule's
 * schema keeps its severity and loses its options (named in `rejected`), so
 * a repository's bad config never stops the review.
 */
export function usableRuleEntries(entries: Readonly<Record<string, RuleEntry>>): { readonly rules: Record<string, RuleEntry>; readonly rejected: readonly string[] } {
  const rules: Record<string, RuleEntry> = {};
  const rejected: string[] = [];
  const linter = new Linter({ cwd: VIRTUAL_ROOT, configType: "flat" });
  for (const [name, entry] of Object.entries(entries)) {
    if (typeof entry === "string") {
      rules[name] = entry;
      continue;
    }
    try {
      linter.verify("", builtinLintConfig({ [name]: entry }), { filename: toVirtual("check.ts") });
      rules[name] = entry;
    } catch {
      rules[name] = entry[0];
      rejected.push(name);
    }
  }
  return { rules, rejected };
}

/** Linters by their rule overrides: a process reviewing one repository again reuses its linter, config and results. */
const linters = createLru<string, SafeLinter>(16);

/**
 * The safe linter for a set of rule overrides, one per set in the process: its
 * config is normalised once, and its messages are kept per path and text (a
 * bounded cache; ESLint's answer depends on nothing else), so a file that is
 * the same in the next review (the base of a new push, an unchanged sibling)
 * is not linted again.
 */
export function createSafeLinter(overrides: Readonly<Record<string, RuleEntry>> = {}): SafeLinter {
  const key = JSON.stringify(Object.entries(overrides).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  const existing = linters.get(key);
  if (existing) return existing;
  const linter = new Linter({ cwd: VIRTUAL_ROOT, configType: "flat" });
  const config = normalizeOnce(builtinLintConfig(overrides));
  const known = knownRuleNames();
  const results = createLru<string, readonly Linter.LintMessage[]>(MAX_CACHED_RESULTS);
  const created: SafeLinter = {
    lint(path, text) {
      const resultKey = `${path}\u0000${createHash("sha1").update(text).digest("hex")}`;
      const cached = results.get(resultKey);
      if (cached) return [...cached];
      // A disable comment naming a rule of a plugin we never load (`promise/prefer-await-to-then`) is the
      // repository's business, not a problem in its code.
      const messages = linter.verify(text, config, { filename: toVirtual(path) }).filter((m) => !(m.ruleId !== null && !known.has(m.ruleId) && m.message.startsWith("Definition for rule ")));
      results.set(resultKey, messages);
      return [...messages];
    },
  };
  linters.set(key, created);
  return created;
}

/** Lint results kept per linter (a message list is small; a review lints tens of files). */
const MAX_CACHED_RESULTS = 2000;

interface NormalizableConfigArray {
  normalizeSync(): void;
}
type ConfigArrayConstructor = new (configs: Linter.Config[], options: { basePath: string }) => NormalizableConfigArray;

/**
 * Linter.verify normalises a plain config array on every call (~20-40 ms);
 * given ESLint's own FlatConfigArray, already normalised, it reuses it. ESLint
 * does not export that class, so it is loaded from its file, and when a
 * future ESLint moves it the plain array is used (slower, same results).
 */
function normalizeOnce(configs: Linter.Config[]): Linter.Config[] {
  try {
    const require = createRequire(import.meta.url);
    const file = path.join(path.dirname(require.resolve("eslint")), "config", "flat-config-array.js");
    const { FlatConfigArray } = require(file) as { FlatConfigArray: ConfigArrayConstructor };
    const array = new FlatConfigArray(configs, { basePath: VIRTUAL_ROOT });
    array.normalizeSync();
    return array as unknown as Linter.Config[];
  } catch {
    return configs;
  }
}
