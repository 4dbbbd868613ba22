/**
 * Benchmark: deterministic fixes against the rules' own tests.
 *
 * Upstream rule tests (ESLint's tests/lib/rules/*.js and typescript-eslint's
 * packages/eslint-plugin/tests/rules/*.test.ts) are read as data from their
 * repositories (bare git directories, e.g. brought with the search tool's
 * fetch; nothing of them is committed or executed). Every invalid case whose
 * expected output is one pass of the rule's fix becomes a file added by a
 * pull request; the pull request is reviewed by `patchsmith review` (the
 * built CLI, deterministic checks only), and per rule the bench reports:
 *   reported  — a finding of that rule on the case's file;
 *   suggested — that finding carries a validated suggestion;
 *   exact     — applying the rule's suggestions gives upstream's output;
 *   chained   — it gives upstream's output followed by one pass of the fixes
 *               the suggestion names as called for by the fix itself
 *               (no-var's `let` that prefer-const makes `const`);
 *   overreach — a suggestion changes a line upstream's output does not.
 * Cases are grouped by rule and options (the options travel in an
 * .eslintrc.json, read as data); cases patchsmith cannot parse as a module
 * (script-only syntax) are counted apart as not applicable.
 *
 *   npm run build
 *   npx tsx bench/rule-fixes.ts [--eslint DIR] [--tseslint DIR] [--rules a,b] [--json out.json]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { builtinRules } from "eslint/use-at-your-own-risk";
import tsPlugin from "@typescript-eslint/eslint-plugin";
import { Linter } from "eslint";
import tseslint from "typescript-eslint";
import { applyEdit } from "../src/analyze/apply-edit.js";
import type { Finding } from "../src/types.js";
import { RULE_POLICY, recommendedRules } from "../src/workspace/rule-policy.js";
import { extractRuleCases, type RuleCase } from "./rule-fixes/extract-rule-cases.js";

const { values } = parseArgs({
  options: {
    eslint: { type: "string", default: "/work/.mirror/eslint+eslint/repo" },
    tseslint: { type: "string", default: "/work/.mirror/typescript-eslint+typescript-eslint/repo" },
    rules: { type: "string" },
    json: { type: "string" },
    "batch-size": { type: "string", default: "120" },
  },
});

const ROOT = path.resolve(import.meta.dirname, "..");
const CLI = path.join(ROOT, "dist", "cli", "main.js");

interface RuleMeta {
  readonly meta?: { readonly fixable?: string; readonly defaultOptions?: readonly unknown[] };
}
const tsRules = tsPlugin.rules as unknown as Record<string, RuleMeta>;

function ruleMeta(name: string): RuleMeta | undefined {
  // The only way to read a core rule's meta (fixable, default options); a bench, not the product.
  // eslint-disable-next-line @typescript-eslint/no-deprecated
  return name.startsWith("@typescript-eslint/") ? tsRules[name.slice("@typescript-eslint/".length)] : (builtinRules.get(name) as RuleMeta | undefined);
}

function gitShow(gitDir: string, file: string): string | undefined {
  try {
    return execFileSync("git", ["--git-dir", gitDir, "show", `HEAD:${file}`], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024, stdio: ["ignore", "pipe", "ignore"] });
  } catch {
    return undefined;
  }
}

function gitList(gitDir: string, folder: string): string[] {
  return execFileSync("git", ["--git-dir", gitDir, "ls-tree", "-r", "--name-only", "HEAD", folder], { encoding: "utf8" }).split("\n").filter(Boolean);
}

/** The upstream test files of a rule. */
function testFiles(rule: string): { file: string; text: string }[] {
  if (rule.startsWith("@typescript-eslint/")) {
    const short = rule.slice("@typescript-eslint/".length);
    const folder = "packages/eslint-plugin/tests/rules";
    const files = gitList(values.tseslint, folder).filter((f) => f === `${folder}/${short}.test.ts` || f.startsWith(`${folder}/${short}/`));
    return files.flatMap((file) => {
      const text = gitShow(values.tseslint, file);
      return text === undefined ? [] : [{ file, text }];
    });
  }
  const file = `tests/lib/rules/${rule}.js`;
  const text = gitShow(values.eslint, file);
  return text === undefined ? [] : [{ file, text }];
}

const recommended = recommendedRules();
const wanted = values.rules?.split(",") ?? Object.entries(RULE_POLICY).filter(([name, policy]) => policy.class !== "taste" && ruleMeta(name)?.meta?.fixable !== undefined).map(([name]) => name);

interface RuleFigures {
  cases: number;
  notApplicable: number;
  reported: number;
  suggested: number;
  exact: number;
  chained: number;
  overreach: number;
  skipped: Record<string, number>;
  misses: { index: number; why: string; code?: string; expected?: string; got?: string }[];
}
const figures = new Map<string, RuleFigures>();

function extensionFor(rule: string): string {
  // A core rule the JavaScript defaults leave off (prefer-const, no-var) is replayed in TypeScript, where it is on.
  return rule.startsWith("@typescript-eslint/") || !(rule in recommended.javascript || RULE_POLICY[rule]?.added === true) ? "ts" : "js";
}

function slug(rule: string): string {
  return rule.replace(/^@typescript-eslint\//, "ts-").replace(/[^a-z0-9-]/gi, "-");
}

function git(dir: string, ...args: string[]): string {
  return execFileSync("git", ["-C", dir, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
}

/** Lines [first, last] (1-based, inclusive, in `before`) that differ between two texts; last < first for a pure insertion. */
function changedRegion(before: string, after: string): { first: number; last: number } {
  const a = before.split("\n");
  const b = after.split("\n");
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix += 1;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix += 1;
  return { first: prefix + 1, last: a.length - suffix };
}

/** Rules a suggestion's title names as called for by the fix itself: "Fix no-var, and prefer-const that the fix itself calls for". */
function chainedRules(title: string): string[] {
  const named = /, and (.+) that the fix itself calls for/.exec(title)?.[1];
  return named === undefined ? [] : named.split(/, | and /).map((name) => name.trim()).filter(Boolean);
}

/** One pass of ESLint's own fixes for `rules` (upstream's output, carried one step further). */
function fixWith(text: string, rules: readonly string[], file: string): string {
  const config: Linter.Config[] = [
    { files: ["**/*.ts", "**/*.js"], languageOptions: { parser: tseslint.parser, ecmaVersion: "latest", sourceType: "module" }, plugins: { "@typescript-eslint": tsPlugin as never }, rules: Object.fromEntries(rules.map((r) => [r, "error"])) },
  ];
  return new Linter({ configType: "flat" }).verifyAndFix(text, config, { filename: file }).output;
}

function replayBatch(rule: string, options: readonly unknown[], batch: readonly RuleCase[]): void {
  const stats = figures.get(rule);
  if (!stats) return;
  const dir = mkdtempSync(path.join(os.tmpdir(), "patchsmith-rule-fixes-"));
  try {
    const policy = RULE_POLICY[rule];
    const severity = policy?.class === "bug" ? "error" : "warn";
    const meta = ruleMeta(rule)?.meta;
    // Upstream's options, or the rule's own defaults (patchsmith may ship other options, e.g. eqeqeq "smart").
    const entry = [severity, ...(options.length > 0 ? options : (meta?.defaultOptions ?? []))];
    git(dir, "init", "-q", "-b", "main");
    writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "rule-cases", private: true, type: "module" }));
    writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify({ compilerOptions: { target: "es2022", module: "esnext", moduleResolution: "bundler", strict: true, noEmit: true, moduleDetection: "force", lib: ["es2022", "dom"] }, include: ["cases"] }));
    writeFileSync(path.join(dir, ".eslintrc.json"), JSON.stringify({ rules: { [rule]: entry } }));
    git(dir, "add", "-A");
    git(dir, "-c", "user.name=bench", "-c", "user.email=bench@invalid", "commit", "-qm", "base");
    const base = git(dir, "rev-parse", "HEAD");
    mkdirSync(path.join(dir, "cases"));
    const fileOf = new Map<string, RuleCase>();
    for (const c of batch) {
      const file = `cases/${slug(rule)}-${c.index}.${extensionFor(rule)}`;
      fileOf.set(file, c);
      writeFileSync(path.join(dir, file), `${c.code}\n`);
    }
    git(dir, "add", "-A");
    git(dir, "-c", "user.name=bench", "-c", "user.email=bench@invalid", "commit", "-qm", "head");
    let out: string;
    try {
      out = execFileSync("node", [CLI, "review", "--repo", dir, "--base", base, "--format", "json"], {
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
        env: { ...process.env, PATCHSMITH_TYPES: "off", PATCHSMITH_MODEL: "", PATCHSMITH_LLM_URL: "" },
        stdio: ["ignore", "pipe", "pipe"],
      });
    } catch (error) {
      out = (error as { stdout?: string }).stdout ?? "";
    }
    const result = JSON.parse(out) as { findings: Finding[] };
    for (const [file, c] of fileOf) {
      const mine = result.findings.filter((f) => f.path === file);
      if (mine.some((f) => f.rule === "eslint/parse-error")) {
        stats.notApplicable += 1;
        continue;
      }
      stats.cases += 1;
      const ofRule = mine.filter((f) => f.rule === `eslint/${rule}`);
      if (ofRule.length === 0) {
        stats.misses.push({ index: c.index, why: "not reported" });
        continue;
      }
      stats.reported += 1;
      const fixes = ofRule.flatMap((f) => (f.suggestion ? [f.suggestion.edit] : []));
      if (fixes.length === 0) {
        stats.misses.push({ index: c.index, why: "no suggestion", code: c.code, expected: c.output, got: ofRule.map((f) => f.advice ?? "").join(" | ") });
        continue;
      }
      stats.suggested += 1;
      const code = `${c.code}\n`;
      const upstream = changedRegion(code, `${c.output}\n`);
      let text = code;
      let over = false;
      const seen = new Set<string>();
      for (const edit of [...fixes].sort((a, b) => b.startLine - a.startLine)) {
        const key = `${edit.startLine}-${edit.endLine}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const region = changedRegion(code, applyEdit(code, edit));
        if (region.last >= region.first && (region.first < upstream.first || region.last > upstream.last)) over = true;
        try {
          text = applyEdit(text, edit);
        } catch {
          over = true;
        }
      }
      if (over) stats.overreach += 1;
      const chain = ofRule.flatMap((f) => chainedRules(f.suggestion?.title ?? ""));
      if (text === `${c.output}\n`) stats.exact += 1;
      else if (chain.length > 0 && text === fixWith(`${c.output}\n`, chain, file)) stats.chained += 1;
      else stats.misses.push({ index: c.index, why: over ? "changes a line upstream does not" : "differs from upstream's output", code: c.code, expected: c.output, got: text.slice(0, -1) });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const started = Date.now();
const batchSize = Number(values["batch-size"]);
for (const rule of wanted) {
  if (testFiles(rule).length === 0) continue;
  const stats: RuleFigures = { cases: 0, notApplicable: 0, reported: 0, suggested: 0, exact: 0, chained: 0, overreach: 0, skipped: {}, misses: [] };
  figures.set(rule, stats);
  const cases: RuleCase[] = [];
  for (const { file, text } of testFiles(rule)) {
    const extracted = extractRuleCases(rule, file, text);
    cases.push(...extracted.cases.map((c) => ({ ...c, index: cases.length + c.index })));
    for (const [reason, count] of extracted.skipped) stats.skipped[reason] = (stats.skipped[reason] ?? 0) + count;
  }
  const groups = new Map<string, RuleCase[]>();
  for (const c of cases) {
    const key = JSON.stringify(c.options);
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const [key, group] of groups) {
    for (let i = 0; i < group.length; i += batchSize) replayBatch(rule, JSON.parse(key) as unknown[], group.slice(i, i + batchSize));
  }
  if (stats.cases + stats.notApplicable === 0) {
    figures.delete(rule);
    continue;
  }
  process.stderr.write(`${rule}: ${stats.cases} cases, ${stats.reported} reported, ${stats.suggested} suggested, ${stats.exact} exact, ${stats.chained} chained, ${stats.overreach} overreach (${stats.notApplicable} not applicable)\n`);
}

const total = { cases: 0, reported: 0, suggested: 0, exact: 0, chained: 0, overreach: 0, notApplicable: 0 };
const pct = (n: number, d: number): string => (d === 0 ? "–" : `${Math.round((100 * n) / d)}%`);
console.log("| rule | cases | reported | suggested | exact | exact with its named chain | overreach | not applicable |");
console.log("| --- | --: | --: | --: | --: | --: | --: | --: |");
for (const [rule, s] of figures) {
  for (const key of Object.keys(total) as (keyof typeof total)[]) total[key] += s[key];
  console.log(`| \`${rule}\` | ${s.cases} | ${pct(s.reported, s.cases)} | ${pct(s.suggested, s.cases)} | ${pct(s.exact, s.cases)} | ${pct(s.exact + s.chained, s.cases)} | ${s.overreach} | ${s.notApplicable} |`);
}
console.log(`| **all** | ${total.cases} | ${pct(total.reported, total.cases)} | ${pct(total.suggested, total.cases)} | ${pct(total.exact, total.cases)} | ${pct(total.exact + total.chained, total.cases)} | ${total.overreach} | ${total.notApplicable} |`);
const describe = (gitDir: string): string => execFileSync("git", ["--git-dir", gitDir, "log", "-1", "--format=%h %cs"], { encoding: "utf8" }).trim();
console.log(`\n${((Date.now() - started) / 1000).toFixed(0)} s; upstream eslint ${describe(values.eslint)}, typescript-eslint ${describe(values.tseslint)}`);
if (values.json) writeFileSync(values.json, JSON.stringify(Object.fromEntries(figures), null, 2));
