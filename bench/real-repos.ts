/**
 * Benchmark (not a test): patchsmith's TypeScript findings on real commits of
 * real repositories, against the project's own `tsc` with its dependencies
 * installed.
 *
 *   npm run build
 *   npm run bench:real-repos -- --repo /tmp/realrepos/ky --commits 25 [--repo ...] [--json out.json]
 *
 * For each repository and each of its last N non-merge commits that touch
 * .ts/.tsx files:
 *  1. Ground truth: a throwaway clone (`git clone --shared`, kept under --work
 *     and reused by later runs) checked out at the commit with a clean tree,
 *     the dependencies installed with lifecycle scripts disabled (npm ci /
 *     npm install / pnpm@9 / yarn@1, corepack as fallback; node_modules is
 *     reused while the lockfile, or without one the package.json files, do not
 *     change), then the project's own tsc: `tsc --noEmit -p tsconfig.json`, or
 *     `tsc -b tsconfig.json` when the root config has references (composite
 *     projects cannot be checked one by one with --noEmit before their
 *     declarations exist: TS6305, and `tsc -b --noEmit` is TS6310), or each
 *     packages/<name>/tsconfig.json when there is no root config. The errors
 *     on lines the commit added (`git diff -U0 <sha>^ <sha>`, new side) are the
 *     ground truth; the run's wall time is the cold tsc time (no .tsbuildinfo).
 *  2. patchsmith: `node dist/cli/main.js review --base <sha>^ --head <sha>
 *     --format json` in another clone at the commit that never has
 *     node_modules; its ts/TSxxxx findings, suggestions and wall time.
 *  3. Precision: TS findings matching a tsc error at the head (same path, code,
 *     and tsc's line within the finding's startLine..line) / all TS findings.
 *     Recall: tsc errors on added lines that patchsmith reported / all of them.
 *     Each suggestion is applied to the ground-truth checkout and tsc rerun:
 *     a suggestion after which tsc reports an error it did not report before
 *     is a bad suggestion. ESLint findings are counted per rule (no truth).
 *  4. A table per repository, the false positives with their messages, and a
 *     JSON report (default .bench-out/real-repos.json) with every unmatched
 *     finding and every missed tsc error.
 *
 * Candidate repositories (GitHub snapshots brought with the `fetch` tool and
 * cloned to /tmp/realrepos/<name>; their code is never committed here):
 *  - ky       sindresorhus/ky        extends "@sindresorhus/tsconfig"; no lockfile
 *             (.npmrc package-lock=false) -> npm install; single package; the
 *             tsconfig includes source/ only, so test/*.ts is in no tsc program.
 *  - got      sindresorhus/got       extends "@sindresorhus/tsconfig"; no lockfile
 *             -> npm install; single package; includes source, test, benchmark.
 *  - request  octokit/request.js     extends "@octokit/tsconfig"; package-lock.json
 *             -> npm ci; single package; its tsconfig sets emitDeclarationOnly,
 *             which --noEmit rejects (TS5053): rerun with --emitDeclarationOnly false.
 *  - volar    volarjs/volar.js       monorepo: pnpm-lock.yaml (pnpm@9), packages/*
 *             /tsconfig.json extending ../../tsconfig.base.json (composite), root
 *             tsconfig.json with references -> `tsc -b` (emits into the throwaway
 *             clone; cleaned before every checkout).
 *  Looked at, not used: preactjs/signals (pnpm monorepo, one root tsconfig with
 *  paths into packages/*, no tsconfig package, only devtools-ui has its own
 *  tsconfig); openapi-ts/openapi-typescript (pnpm monorepo, but the snapshot
 *  lacks its files of 4 MiB and more, so no commit checks out).
 *
 * Options: --commits N (25), --ref REF (HEAD), --work DIR (os tmpdir/patchsmith-
 * real-repos), --patchsmith FILE (dist/cli/main.js of this checkout),
 * --max-suggestions N per commit (0: all), --install-timeout / --tsc-timeout /
 * --review-timeout seconds. The review runs with this process's environment
 * (set PATCHSMITH_MODEL or PATCHSMITH_LLM_URL for model suggestions).
 */
import { existsSync } from "node:fs";
import { mkdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { applyLineEdit, compareCommit, introducedErrors } from "./real-repos/compare.js";
import { run } from "./real-repos/exec.js";
import { type AddedLines, addedLines, checkoutClean, ensureSharedClone, listCommits } from "./real-repos/git.js";
import { install, planInstall } from "./real-repos/install.js";
import { type ReviewFinding, runReview, tsCode } from "./real-repos/patchsmith.js";
import type { BenchReport, CommitRecord, RepoRecord, SuggestionRecord } from "./real-repos/records.js";
import { formatBadSuggestions, formatEslintRules, formatFalsePositives, formatTable, summarize } from "./real-repos/report.js";
import { isEnvironmentDiagnostic, planTypeCheck, runTypeCheck, semanticChecksSkipped, type TscPlan, type TscRun } from "./real-repos/tsc.js";

const projectRoot = path.resolve(import.meta.dirname, "..");

const { values } = parseArgs({
  options: {
    repo: { type: "string", multiple: true },
    commits: { type: "string", default: "25" },
    ref: { type: "string", default: "HEAD" },
    json: { type: "string", default: path.join(projectRoot, ".bench-out", "real-repos.json") },
    work: { type: "string", default: path.join(os.tmpdir(), "patchsmith-real-repos") },
    patchsmith: { type: "string", default: path.join(projectRoot, "dist", "cli", "main.js") },
    "max-suggestions": { type: "string", default: "0" },
    "install-timeout": { type: "string", default: "1200" },
    "tsc-timeout": { type: "string", default: "600" },
    "review-timeout": { type: "string", default: "900" },
  },
  strict: true,
  allowPositionals: false,
});

function positiveInt(name: string, text: string, allowZero = false): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < (allowZero ? 0 : 1)) throw new Error(`--${name} ${text}: expected a whole number${allowZero ? "" : " above 0"}`);
  return n;
}

const repos = (values.repo ?? []).map((r) => path.resolve(r));
if (repos.length === 0) {
  process.stderr.write("Usage: npm run bench:real-repos -- --repo DIR [--repo DIR ...] [--commits N] [--json FILE]\n");
  process.exit(2);
}
const commitCount = positiveInt("commits", values.commits);
const maxSuggestions = positiveInt("max-suggestions", values["max-suggestions"], true);
const installTimeoutMs = positiveInt("install-timeout", values["install-timeout"]) * 1000;
const tscTimeoutMs = positiveInt("tsc-timeout", values["tsc-timeout"]) * 1000;
const reviewTimeoutMs = positiveInt("review-timeout", values["review-timeout"]) * 1000;
const cli = path.resolve(values.patchsmith);
const workRoot = path.resolve(values.work);
const jsonPath = path.resolve(values.json);
if (!existsSync(cli)) {
  process.stderr.write(`${cli} does not exist: run \`npm run build\` first (or pass --patchsmith).\n`);
  process.exit(2);
}
for (const repo of repos) {
  if (!existsSync(path.join(repo, ".git"))) {
    process.stderr.write(`${repo} is not a git checkout.\n`);
    process.exit(2);
  }
}
const names = repos.map((r) => path.basename(r));
if (new Set(names).size !== names.length) {
  process.stderr.write("Two --repo folders have the same name; their work folders would collide.\n");
  process.exit(2);
}

const log = (text: string): void => {
  process.stderr.write(`${text}\n`);
};
const secs = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** The checkout's revision; the CLI is whatever was last built from it (builtAt). */
async function patchsmithRevision(): Promise<{ revision: string; dirty: boolean; builtAt: string }> {
  const head = await run("git", ["-C", projectRoot, "rev-parse", "HEAD"], { cwd: projectRoot });
  const status = await run("git", ["-C", projectRoot, "status", "--porcelain", "--", "src"], { cwd: projectRoot });
  return { revision: head.stdout.trim(), dirty: status.stdout.trim() !== "", builtAt: (await stat(cli)).mtime.toISOString() };
}

const report: { -readonly [K in keyof BenchReport]: BenchReport[K] } = {
  startedAt: new Date().toISOString(),
  patchsmith: { cli, ...(await patchsmithRevision()) },
  options: { commits: commitCount, ref: values.ref, work: workRoot, maxSuggestions },
  repos: [],
};

async function writeReport(): Promise<void> {
  await mkdir(path.dirname(jsonPath), { recursive: true });
  await writeFile(jsonPath, `${JSON.stringify(report, null, 2)}\n`);
}

/** Applies each suggestion to the ground-truth checkout, reruns tsc, restores the file. */
async function judgeSuggestions(truthDir: string, plan: TscPlan, before: TscRun, findings: readonly ReviewFinding[]): Promise<{ records: SuggestionRecord[]; notChecked: number }> {
  const withSuggestion = findings.filter((f) => f.suggestion !== undefined);
  const checked = maxSuggestions === 0 ? withSuggestion : withSuggestion.slice(0, maxSuggestions);
  const records: SuggestionRecord[] = [];
  for (const finding of checked) {
    const suggestion = finding.suggestion;
    if (suggestion === undefined) continue;
    const { edit } = suggestion;
    const base = { path: finding.path, line: finding.line, rule: finding.rule, title: suggestion.title, origin: suggestion.origin, edit };
    const file = path.resolve(truthDir, edit.path);
    const rel = path.relative(truthDir, file);
    if (rel.startsWith("..") || path.isAbsolute(rel) || !existsSync(file)) {
      records.push({ ...base, verdict: "not-applied", introduced: [], detail: "the edit's file is not in the checkout" });
      continue;
    }
    if (!before.files.has(edit.path)) {
      records.push({ ...base, verdict: "outside-program", introduced: [], detail: "no tsc program includes the file: tsc cannot judge the edit" });
      continue;
    }
    const original = await readFile(file, "utf8");
    const edited = applyLineEdit(original, edit);
    if (edited === undefined) {
      records.push({ ...base, verdict: "not-applied", introduced: [], detail: `lines ${edit.startLine}-${edit.endLine} are not in the file` });
      continue;
    }
    await writeFile(file, edited);
    try {
      const after = await runTypeCheck(truthDir, plan, { timeoutMs: tscTimeoutMs, listFiles: false, forceBuild: true });
      if (!after.ok) {
        records.push({ ...base, verdict: "tsc-failed", introduced: [], detail: after.problems.join("\n") });
        continue;
      }
      const introduced = introducedErrors(before.diagnostics, after.diagnostics, edit);
      records.push({ ...base, verdict: introduced.length === 0 ? "clean" : "adds-error", introduced });
    } finally {
      await writeFile(file, original);
    }
  }
  return { records, notChecked: withSuggestion.length - checked.length };
}

async function benchCommit(params: {
  readonly truthDir: string;
  readonly reviewDir: string;
  readonly keyFile: string;
  readonly sha: string;
  readonly subject: string;
  readonly added: AddedLines;
}): Promise<CommitRecord> {
  const { truthDir, reviewDir, keyFile, sha, subject, added } = params;
  const base = { sha, subject };

  // 1. Ground truth.
  await checkoutClean(truthDir, sha, ["node_modules"]);
  const installPlan = await planInstall(truthDir);
  const installedKey = existsSync(keyFile) ? (await readFile(keyFile, "utf8")).trim() : undefined;
  let installRecord: NonNullable<CommitRecord["install"]> = { reused: true, manager: installPlan.manager, ...(installPlan.lockfile === undefined ? {} : { lockfile: installPlan.lockfile }) };
  if (installedKey !== installPlan.key) {
    await rm(keyFile, { force: true });
    const outcome = await install(truthDir, installPlan, installTimeoutMs);
    installRecord = { ...installRecord, reused: false, command: outcome.command, ms: outcome.ms, failures: outcome.failures };
    log(`  install: ${outcome.ok ? "ok" : "FAILED"} (${outcome.command}, ${secs(outcome.ms)})`);
    if (!outcome.ok) return { ...base, status: "install-failed", error: outcome.failures.join("\n"), install: installRecord };
    await writeFile(keyFile, `${installPlan.key}\n`);
  }
  let tscPlan: TscPlan;
  try {
    tscPlan = await planTypeCheck(truthDir);
  } catch (error) {
    return { ...base, status: "tsc-failed", error: errorText(error), install: installRecord };
  }
  const truth = await runTypeCheck(truthDir, tscPlan, { timeoutMs: tscTimeoutMs, listFiles: true, forceBuild: false });
  const skipped = semanticChecksSkipped(truth.diagnostics);
  const tscRecord: NonNullable<CommitRecord["tsc"]> = {
    version: tscPlan.version,
    steps: tscPlan.steps,
    commands: truth.commands,
    ms: truth.ms,
    programFiles: truth.files.size,
    errorsAtHead: truth.diagnostics.length,
    globalErrors: truth.diagnostics.filter((d) => d.path === undefined),
    problems: truth.problems,
    ...(skipped === undefined ? {} : { semanticSkipped: skipped }),
  };
  if (!truth.ok) return { ...base, status: "tsc-failed", error: truth.problems.join("\n"), install: installRecord, tsc: tscRecord };
  if (skipped === "environment") {
    const shown = truth.diagnostics.filter(isEnvironmentDiagnostic).slice(0, 3);
    const error = `tsc reported options/global errors, so it ran no semantic check: ${shown.map((d) => `${d.path ?? ""} TS${d.code} ${d.message.split("\n")[0] ?? ""}`).join("; ")}`;
    return { ...base, status: "tsc-incomplete", error, install: installRecord, tsc: tscRecord };
  }

  // 2. patchsmith, on a checkout without node_modules.
  await checkoutClean(reviewDir, sha, []);
  const review = await runReview(cli, reviewDir, sha, reviewTimeoutMs, process.env);
  const otherRules: Record<string, number> = {};
  for (const f of review.findings) if (tsCode(f.rule) === undefined) otherRules[f.rule] = (otherRules[f.rule] ?? 0) + 1;
  const reviewRecord: NonNullable<CommitRecord["review"]> = {
    ms: review.ms,
    exitCode: review.exitCode,
    findings: review.findings.length,
    tsFindings: review.findings.filter((f) => tsCode(f.rule) !== undefined).length,
    otherRules,
    notices: review.notices,
    skipped: review.skipped,
  };
  if (!review.ok) return { ...base, status: "review-failed", error: review.error ?? "", install: installRecord, tsc: tscRecord, review: reviewRecord };

  // 3. Compare, and judge the suggestions.
  const comparison = compareCommit({ findings: review.findings, diagnostics: truth.diagnostics, added, programFiles: truth.files });
  const { records, notChecked } = await judgeSuggestions(truthDir, tscPlan, truth, review.findings);
  return {
    ...base,
    status: "compared",
    install: installRecord,
    tsc: tscRecord,
    review: reviewRecord,
    comparison,
    suggestions: records,
    ...(notChecked > 0 ? { suggestionsNotChecked: notChecked } : {}),
  };
}

function describeVerdicts(suggestions: readonly SuggestionRecord[]): string {
  const counts = new Map<string, number>();
  for (const s of suggestions) counts.set(s.verdict, (counts.get(s.verdict) ?? 0) + 1);
  return [...counts].map(([verdict, n]) => `${n} ${verdict}`).join(", ");
}

async function benchRepo(source: string): Promise<RepoRecord> {
  const name = path.basename(source);
  const work = path.join(workRoot, name);
  const truthDir = path.join(work, "truth");
  const reviewDir = path.join(work, "review");
  await ensureSharedClone(source, truthDir);
  await ensureSharedClone(source, reviewDir);
  const commits = await listCommits(source, values.ref, commitCount);
  log(`${name}: ${commits.length} commit(s) touching .ts/.tsx from ${values.ref} (ground truth in ${truthDir}, reviews in ${reviewDir})`);
  const records: CommitRecord[] = [];
  const record = (): RepoRecord => ({ name, source, truthDir, reviewDir, commits: records, summary: summarize(records) });
  report.repos = [...report.repos.filter((r) => r.name !== name), record()];
  for (const [i, commit] of commits.entries()) {
    log(`[${name} ${i + 1}/${commits.length}] ${commit.sha.slice(0, 8)} ${commit.subject}`);
    let result: CommitRecord;
    try {
      const added = await addedLines(source, commit.sha);
      result = await benchCommit({ truthDir, reviewDir, keyFile: path.join(work, "install-key"), sha: commit.sha, subject: commit.subject, added });
    } catch (error) {
      result = { sha: commit.sha, subject: commit.subject, status: "error", error: errorText(error) };
    }
    records.push(result);
    const c = result.comparison;
    log(
      `  ${result.status}` +
        (result.tsc === undefined ? "" : ` · tsc ${secs(result.tsc.ms)} (${result.tsc.programFiles} repo files, ${result.tsc.errorsAtHead} error(s) at head${result.tsc.semanticSkipped === "syntax" ? "; syntax errors: tsc ran no semantic check" : ""})`) +
        (result.review === undefined ? "" : ` · review ${secs(result.review.ms)} (${result.review.tsFindings} TS finding(s))`) +
        (c === undefined ? "" : ` · ${c.matchedFindings}/${c.tsFindings} findings match · found ${c.found}/${c.realOnAdded} real errors on added lines`) +
        (result.suggestions === undefined || result.suggestions.length === 0 ? "" : ` · suggestions: ${describeVerdicts(result.suggestions)}`) +
        (result.error === undefined ? "" : `\n  ${result.error.split("\n").slice(0, 6).join("\n  ")}`),
    );
    report.repos = [...report.repos.filter((r) => r.name !== name), record()];
    await writeReport();
  }
  return record();
}

for (const source of repos) await benchRepo(source);
report.finishedAt = new Date().toISOString();
await writeReport();

const { revision, dirty, builtAt } = report.patchsmith;
process.stdout.write(`\npatchsmith ${revision.slice(0, 10)}${dirty ? " (src/ has uncommitted changes)" : ""}, built ${builtAt}, against each project's own tsc\n\n`);
process.stdout.write(formatTable(report.repos));
process.stdout.write("\nESLint findings per rule (no ground truth):\n");
process.stdout.write(formatEslintRules(report.repos));
process.stdout.write("\nBad suggestions (tsc reports a new error after the edit):\n");
process.stdout.write(formatBadSuggestions(report.repos));
process.stdout.write("\nFalse positives (patchsmith TS findings no tsc error matches):\n");
process.stdout.write(formatFalsePositives(report.repos));
process.stdout.write(`\nJSON report (every unmatched finding and missed tsc error): ${jsonPath}\n`);
