import type { CaseCategory, ModelCase } from "./load-cases.js";
import { echoedFindings, findsBug, type FixJudgement, isCheckerFinding, isModelFinding, judgeFix, judgeTests, type TestsJudgement } from "./judge-review.js";
import type { ReadFinding, ReadUsage } from "./read-review.js";
import type { CaseRun } from "./run-case.js";

export interface CaseRecord {
  readonly id: string;
  readonly category: CaseCategory;
  readonly seconds: number;
  readonly error?: string;
  readonly modelFindings: readonly (Pick<ReadFinding, "startLine" | "line" | "severity" | "rule" | "message"> & { readonly edit: boolean })[];
  readonly checkerFindings: readonly string[];
  readonly echoed: number;
  readonly fix?: FixJudgement;
  readonly bugFound?: boolean;
  readonly bugFindings?: number;
  readonly tests?: TestsJudgement;
  readonly timings: Readonly<Record<string, number>>;
  readonly usage?: ReadUsage;
}

export function recordCase(c: ModelCase, result: CaseRun): CaseRecord {
  const base = { id: c.id, category: c.category, seconds: result.ms / 1000 };
  const review = result.review;
  if (review === undefined) return { ...base, error: result.error ?? "no review", modelFindings: [], checkerFindings: [], echoed: 0, timings: {} };
  const model = review.findings.filter(isModelFinding);
  const fix = judgeFix(c, review);
  const tests = judgeTests(c, review);
  return {
    ...base,
    modelFindings: model.map((f) => ({ startLine: f.startLine, line: f.line, severity: f.severity, rule: f.rule, message: f.message, edit: f.suggestion !== undefined })),
    checkerFindings: review.findings.filter(isCheckerFinding).map((f) => `${f.path}:${f.line} ${f.rule}${f.suggestion ? ` (suggestion: ${f.suggestion.origin})` : ""}`),
    echoed: echoedFindings(review).length,
    ...(fix === undefined ? {} : { fix }),
    ...(c.bug === undefined ? {} : { bugFound: model.some((f) => findsBug(c, f)), bugFindings: model.filter((f) => findsBug(c, f)).length }),
    ...(tests === undefined ? {} : { tests }),
    timings: review.timings,
    ...(review.usage === undefined ? {} : { usage: review.usage }),
  };
}

export interface Summary {
  readonly cases: number;
  readonly failed: readonly string[];
  readonly fixes: { readonly tasks: number; readonly validated: number; readonly keeps: number; readonly notReported: readonly string[]; readonly deterministic: readonly string[] };
  readonly echoed: number;
  readonly modelFindings: number;
  readonly modelErrorsWithoutEdit: number;
  readonly controls: { readonly cases: number; readonly findings: number; readonly casesWithFindings: number; readonly checkerFindings: number };
  readonly bugs: { readonly cases: number; readonly found: number; readonly findings: number; readonly matching: number; readonly precision?: number };
  readonly tests: { readonly cases: number; readonly expected: number; readonly asked: number; readonly delivered: number; readonly firstTime: number; readonly afterRepair: number; readonly ran: number; readonly passed: number };
  readonly usage: UsageTotals & { readonly reported: boolean; readonly stages: Readonly<Record<string, UsageTotals>> };
  readonly seconds: { readonly total: number; readonly median: number; readonly modelStage: number; readonly testsStage: number };
}

interface UsageTotals {
  readonly calls: number;
  readonly promptTokens: number;
  readonly promptTokensEvaluated: number;
  readonly answerTokens: number;
  readonly ms: number;
}

const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

function sumUsage(usages: readonly ReadUsage[]): UsageTotals {
  return {
    calls: sum(usages.map((u) => u.calls ?? 0)),
    promptTokens: sum(usages.map((u) => u.promptTokens ?? 0)),
    promptTokensEvaluated: sum(usages.map((u) => u.promptTokensEvaluated ?? u.promptTokens ?? 0)),
    answerTokens: sum(usages.map((u) => u.answerTokens ?? 0)),
    ms: sum(usages.map((u) => u.ms ?? 0)),
  };
}

/** One line of model cost: calls, prompt tokens (evaluated), answer tokens, seconds per call. */
function formatUsage(u: UsageTotals): string {
  return `${u.calls} calls; prompt tokens ${u.promptTokens} (${u.promptTokensEvaluated} evaluated, the rest a reused prefix), answer tokens ${u.answerTokens}; ${u.calls > 0 ? `${(u.ms / 1000 / u.calls).toFixed(1)} s per call` : "s per call n/a"}`;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

export function summarize(records: readonly CaseRecord[]): Summary {
  const ok = records.filter((r) => r.error === undefined);
  const of = (category: CaseCategory): CaseRecord[] => ok.filter((r) => r.category === category);
  const fixes = of("diagnostic").flatMap((r) => (r.fix ? [{ id: r.id, fix: r.fix }] : []));
  const tasks = fixes.filter((f) => f.fix.reported && !f.fix.deterministic);
  const controls = of("control");
  const bugs = of("bug");
  const bugFindings = sum(bugs.map((r) => r.modelFindings.length));
  const matching = sum(bugs.map((r) => r.bugFindings ?? 0));
  const tests = of("tests").flatMap((r) => (r.tests ? [r.tests] : []));
  const usages = ok.flatMap((r) => (r.usage ? [r.usage] : []));
  return {
    cases: records.length,
    failed: records.filter((r) => r.error !== undefined).map((r) => `${r.id}: ${r.error ?? ""}`),
    fixes: {
      tasks: tasks.length,
      validated: tasks.filter((f) => f.fix.validated).length,
      keeps: tasks.filter((f) => f.fix.keeps).length,
      notReported: fixes.filter((f) => !f.fix.reported).map((f) => f.id),
      deterministic: fixes.filter((f) => f.fix.deterministic).map((f) => f.id),
    },
    echoed: sum(ok.map((r) => r.echoed)),
    modelFindings: sum(ok.map((r) => r.modelFindings.length)),
    modelErrorsWithoutEdit: sum(ok.map((r) => r.modelFindings.filter((f) => f.severity === "error" && !f.edit).length)),
    controls: {
      cases: controls.length,
      findings: sum(controls.map((r) => r.modelFindings.length)),
      casesWithFindings: controls.filter((r) => r.modelFindings.length > 0).length,
      checkerFindings: sum(controls.map((r) => r.checkerFindings.length)),
    },
    bugs: { cases: bugs.length, found: bugs.filter((r) => r.bugFound === true).length, findings: bugFindings, matching, ...(bugFindings > 0 ? { precision: matching / bugFindings } : {}) },
    tests: {
      cases: tests.length,
      expected: sum(tests.map((t) => t.expected)),
      asked: sum(tests.map((t) => t.asked)),
      delivered: sum(tests.map((t) => t.delivered)),
      firstTime: sum(tests.map((t) => t.firstTime)),
      afterRepair: sum(tests.map((t) => t.afterRepair)),
      ran: tests.filter((t) => t.ran).length,
      passed: sum(tests.map((t) => t.passed ?? 0)),
    },
    usage: {
      reported: usages.length > 0,
      ...sumUsage(usages),
      stages: Object.fromEntries([...new Set(usages.flatMap((u) => Object.keys(u.stages ?? {})))].map((stage) => [stage, sumUsage(usages.flatMap((u) => u.stages?.[stage] ?? []))])),
    },
    seconds: {
      total: sum(records.map((r) => r.seconds)),
      median: median(records.map((r) => r.seconds)),
      modelStage: sum(ok.map((r) => r.timings.model ?? 0)) / 1000,
      testsStage: sum(ok.map((r) => r.timings.tests ?? 0)) / 1000,
    },
  };
}

const pct = (part: number, whole: number): string => (whole === 0 ? "n/a" : `${Math.round((100 * part) / whole)}%`);

/** The figures as lines of text (the bench prints these; the README quotes them). */
export function formatSummary(model: string, s: Summary): string {
  const lines = [
    `model: ${model}`,
    `cases: ${s.cases} run${s.failed.length > 0 ? `, ${s.failed.length} without a review` : ""}; ${s.seconds.total.toFixed(0)} s in all, median ${s.seconds.median.toFixed(1)} s per review (model load included)`,
    `fixes validated / fix tasks: ${s.fixes.validated} / ${s.fixes.tasks} (${pct(s.fixes.validated, s.fixes.tasks)}); keeping what the code computes: ${s.fixes.keeps} (${pct(s.fixes.keeps, s.fixes.tasks)})`,
  ];
  if (s.fixes.notReported.length > 0) lines.push(`  diagnostic not reported by the checkers (no task): ${s.fixes.notReported.join(", ")}`);
  if (s.fixes.deterministic.length > 0) lines.push(`  diagnostic fixed deterministically (no task): ${s.fixes.deterministic.join(", ")}`);
  lines.push(
    `echoed diagnostics: ${s.echoed} of ${s.modelFindings} model findings; model errors without a validated edit: ${s.modelErrorsWithoutEdit}`,
    `findings on controls: ${s.controls.findings} in ${s.controls.casesWithFindings} of ${s.controls.cases} control changes${s.controls.checkerFindings > 0 ? ` (and ${s.controls.checkerFindings} checker findings: the controls are not clean)` : ""}`,
    `planted bugs found: ${s.bugs.found} / ${s.bugs.cases} (${pct(s.bugs.found, s.bugs.cases)}); precision ${s.bugs.matching} / ${s.bugs.findings} model findings on bug cases (${pct(s.bugs.matching, s.bugs.findings)})`,
    `tests: ${s.tests.delivered} of ${s.tests.asked} asked exports delivered (${s.tests.expected} expected untested); test files type-checked the first time ${s.tests.firstTime}, after repair ${s.tests.afterRepair}; ` +
      (s.tests.ran > 0 ? `passing when run: ${s.tests.passed} (run in ${s.tests.ran} of ${s.tests.cases} cases)` : "not run (the product runs them only with PATCHSMITH_TESTS_RUN=true: pass --run-tests)"),
    s.usage.reported
      ? `model: ${formatUsage(s.usage)}`
      : `model calls and tokens: not reported by this build's review JSON; model stage ${s.seconds.modelStage.toFixed(0)} s, tests stage ${s.seconds.testsStage.toFixed(0)} s (stats.timings)`,
  );
  for (const [stage, usage] of Object.entries(s.usage.stages)) lines.push(`  ${stage}: ${formatUsage(usage)}`);
  for (const failure of s.failed) lines.push(`  no review: ${failure}`);
  return `${lines.join("\n")}\n`;
}
