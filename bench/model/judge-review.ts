import type { ModelCase } from "./load-cases.js";
import type { ReadEdit, ReadFinding, ReadReview } from "./read-review.js";

/**
 * The judging rules of the model bench, each applied to one case's review:
 *
 *  - model finding: a finding whose rule starts with "model/" (the model's own
 *    claim). Checker findings are "ts/..." and "eslint/..."; a model-made edit
 *    attached to one of them is a fix, not a finding.
 *  - fix task (diagnostic cases): the case's diagnostic, when the checkers
 *    report it (a checker finding whose rule ends with "/<code>" and whose
 *    lines hold the diagnostic's line) and no deterministic (eslint/typescript)
 *    suggestion comes with it.
 *  - fix validated: a suggestion whose origin is "model" (or any origin other
 *    than eslint, typescript, secret) on the diagnostic's file, either
 *    targeting the diagnostic's code or with its lines within 2 lines of the
 *    diagnostic. The product only attaches suggestions that validated.
 *  - fix keeps what the code computes: after applying that edit to the head
 *    file, every `fix.keeps` text of the case is still in the file, and no
 *    `fix.forbids` text nor a checker silencer (@ts-ignore, @ts-expect-error,
 *    eslint-disable, `as any`, `: any`) is new in it. Texts compare with
 *    whitespace removed and ' read as ".
 *  - echoed diagnostic: a model finding on a line from one before to one
 *    after a checker finding's line, whose message names the checker's code
 *    or rule (TS2322, prefer-const) or shares at least half of the distinct
 *    words of 4+ letters of the checker's message.
 *  - planted bug found: a model finding on the bug's file whose lines overlap
 *    the bug's lines widened by one on each side, and whose message or advice
 *    contains one of the case's keywords (case-insensitive). Precision: model
 *    findings on bug cases that find the planted bug / all model findings on
 *    bug cases.
 *  - finding on a control: any model finding in a control case.
 *  - model error without a validated edit: a model finding of severity
 *    "error" that has no suggestion.
 *  - tests (tests cases): an expected export is asked when the review lists
 *    it as untested, delivered when a generated test names it among its
 *    symbols (a method "Stack.push" counts for "Stack"); a delivered test
 *    type-checked the first time when its attempts are 1 (after repair when
 *    more); passing only when the product ran it (PATCHSMITH_TESTS_RUN) and
 *    says "passed". Each is counted by expected export: a file covering two
 *    exports counts for both.
 */

/** Text compared without whitespace, single quotes read as double. */
export function compact(text: string): string {
  return text.replace(/\s+/g, "").replace(/'/g, '"');
}

const SILENCERS = ["@ts-ignore", "@ts-expect-error", "@ts-nocheck", "eslint-disable", "as any", ": any", "as unknown as"];
const DETERMINISTIC_ORIGINS = new Set(["eslint", "typescript", "secret"]);

export const isModelFinding = (f: ReadFinding): boolean => f.rule.startsWith("model/");
export const isCheckerFinding = (f: ReadFinding): boolean => f.rule.startsWith("ts/") || f.rule.startsWith("eslint/");

/** The head file with a whole-line edit applied. */
export function applyEdit(text: string, edit: ReadEdit): string {
  const lines = text.split("\n");
  const replacement = edit.deletion ? [] : edit.replacement.split("\n");
  lines.splice(edit.startLine - 1, edit.endLine - edit.startLine + 1, ...replacement);
  return lines.join("\n");
}

export interface FixJudgement {
  /** The checkers reported the case's diagnostic. */
  readonly reported: boolean;
  /** The product had a deterministic fix for it (then it is no fix task). */
  readonly deterministic: boolean;
  /** A model edit validated for it. */
  readonly validated: boolean;
  /** That edit (or one of them) keeps what the case says the code computes. */
  readonly keeps: boolean;
  /** Why the validated edits do not keep it (for the report). */
  readonly lost: readonly string[];
  readonly edits: readonly ReadEdit[];
}

export function judgeFix(c: ModelCase, review: ReadReview): FixJudgement | undefined {
  const d = c.diagnostic;
  if (d === undefined) return undefined;
  const sameCode = (rule: string): boolean => rule.endsWith(`/${d.code}`);
  const checker = review.findings.filter((f) => isCheckerFinding(f) && f.path === d.path && sameCode(f.rule) && f.startLine <= d.line && d.line <= f.line);
  const deterministic = checker.some((f) => f.suggestion !== undefined && DETERMINISTIC_ORIGINS.has(f.suggestion.origin));
  const edits = review.findings.flatMap((f) => {
    const s = f.suggestion;
    if (s === undefined || DETERMINISTIC_ORIGINS.has(s.origin) || s.edit.path !== d.path) return [];
    const targets = s.targetCode === d.code;
    const near = s.edit.startLine <= d.line + 2 && s.edit.endLine >= d.line - 2;
    return targets || near ? [s.edit] : [];
  });
  const head = c.head.get(d.path) ?? "";
  const lost: string[] = [];
  let keeps = false;
  for (const edit of edits) {
    const why = lostBy(head, applyEdit(head, edit), c.fix?.keeps ?? [], c.fix?.forbids ?? []);
    if (why.length === 0) keeps = true;
    else lost.push(...why);
  }
  return { reported: checker.length > 0, deterministic, validated: edits.length > 0, keeps, lost: keeps ? [] : lost, edits };
}

function lostBy(before: string, after: string, keeps: readonly string[], forbids: readonly string[]): string[] {
  const b = compact(before);
  const a = compact(after);
  const why: string[] = [];
  for (const keep of keeps) if (!a.includes(compact(keep))) why.push(`drops ${keep}`);
  for (const bad of [...forbids, ...SILENCERS]) if (a.includes(compact(bad)) && !b.includes(compact(bad))) why.push(`adds ${bad}`);
  return why;
}

const words = (text: string): Set<string> => new Set(text.toLowerCase().match(/[a-z][a-z0-9_]{3,}/g) ?? []);

/** Model findings that restate a checker finding (rule above). */
export function echoedFindings(review: ReadReview): ReadFinding[] {
  const checkers = review.findings.filter(isCheckerFinding);
  return review.findings.filter(
    (m) =>
      isModelFinding(m) &&
      checkers.some((d) => {
        if (d.path !== m.path || m.startLine > d.line + 1 || m.line < d.line - 1) return false;
        const message = `${m.message} ${m.advice ?? ""}`.toLowerCase();
        const name = d.rule.slice(d.rule.indexOf("/") + 1).toLowerCase();
        if (message.includes(name)) return true;
        const theirs = words(d.message);
        if (theirs.size === 0) return false;
        const ours = words(message);
        return [...theirs].filter((w) => ours.has(w)).length / theirs.size >= 0.5;
      }),
  );
}

/** Whether a model finding names the case's planted bug (rule above). */
export function findsBug(c: ModelCase, f: ReadFinding): boolean {
  const bug = c.bug;
  if (bug === undefined || !isModelFinding(f) || f.path !== bug.path) return false;
  if (f.startLine > bug.endLine + 1 || f.line < bug.startLine - 1) return false;
  const text = `${f.message} ${f.advice ?? ""}`.toLowerCase();
  return bug.keywords.some((k) => text.includes(k.toLowerCase()));
}

export interface TestsJudgement {
  readonly expected: number;
  readonly asked: number;
  readonly delivered: number;
  readonly firstTime: number;
  readonly afterRepair: number;
  /** Delivered tests the product ran and reported passing; undefined when it did not run them. */
  readonly passed?: number;
  readonly ran: boolean;
  readonly execution: string;
  readonly rejectedReasons: readonly string[];
}

export function judgeTests(c: ModelCase, review: ReadReview): TestsJudgement | undefined {
  if (c.tests === undefined) return undefined;
  const t = review.tests;
  const expected = c.tests.exports;
  const names = (symbols: readonly string[]): Set<string> => new Set(symbols.flatMap((s) => [s, s.split(".")[0] ?? s]));
  const asked = expected.filter((e) => t?.untested.some((u) => u.path === e.path && (u.name === e.name || u.name.split(".")[0] === e.name)) === true).length;
  const deliveredTests = (t?.tests ?? []).filter((test) => expected.some((e) => names(test.symbols).has(e.name)));
  // Counted by export, like `delivered`: one file that covers two exports counts twice.
  const exportsWhere = (keep: (test: (typeof deliveredTests)[number]) => boolean): number => expected.filter((e) => deliveredTests.some((test) => names(test.symbols).has(e.name) && keep(test))).length;
  const ran = t?.execution === "ran";
  return {
    expected: expected.length,
    asked,
    delivered: exportsWhere(() => true),
    firstTime: exportsWhere((test) => test.attempts === 1),
    afterRepair: exportsWhere((test) => test.attempts !== undefined && test.attempts > 1),
    ...(ran ? { passed: exportsWhere((test) => test.runStatus === "passed") } : {}),
    ran,
    execution: t === undefined ? "no tests report" : `generation ${t.generation ?? "?"}, test run ${t.execution ?? "?"}${t.executionReason === undefined ? "" : ` (${t.executionReason})`}`,
    rejectedReasons: (t?.rejected ?? []).flatMap((r) => r.reasons.slice(0, 2)),
  };
}
