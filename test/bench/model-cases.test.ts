import { describe, expect, it } from "vitest";
import { addedLines, checkCases, MINIMUMS } from "../../bench/model/check-cases.js";
import { loadCases, type ModelCase } from "../../bench/model/load-cases.js";
import { applyEdit, compact, echoedFindings, findsBug, judgeFix } from "../../bench/model/judge-review.js";
import { readReview } from "../../bench/model/read-review.js";

// The model bench's case set, checked without any model: it parses, every
// head differs from its base, every line it names is a changed line inside
// its file, and each category meets the minimum.
const cases = await loadCases();
const byId = (id: string): ModelCase => {
  const found = cases.find((c) => c.id === id);
  if (found === undefined) throw new Error(`no case ${id}`);
  return found;
};

describe("bench/model-cases", () => {
  it("is sound: structure, line ranges, expectations and counts", () => {
    expect(checkCases(cases)).toEqual([]);
  });

  it("meets the minimum per category", () => {
    const count = (category: string): number => cases.filter((c) => c.category === category).length;
    expect(cases.length).toBeGreaterThanOrEqual(MINIMUMS.total);
    expect(count("diagnostic")).toBeGreaterThanOrEqual(MINIMUMS.diagnostic);
    expect(count("bug")).toBeGreaterThanOrEqual(MINIMUMS.bug);
    expect(count("control")).toBeGreaterThanOrEqual(MINIMUMS.control);
    expect(new Set(cases.flatMap((c) => (c.tests ? [c.tests.framework] : [])))).toEqual(new Set(["vitest", "jest", "node:test", "mocha"]));
  });

  it("reports what it finds wrong in a broken case", () => {
    const good = byId("bug-sql-injection");
    const unchanged: ModelCase = { ...good, head: good.base };
    const outside: ModelCase = { ...good, bug: { ...(good.bug ?? { path: "", kind: "", keywords: [] }), startLine: 90, endLine: 91 } };
    expect(checkCases([unchanged]).filter((p) => p.startsWith("bug-sql-injection"))).toContain("bug-sql-injection: the head does not differ from the base");
    expect(checkCases([outside]).filter((p) => p.startsWith("bug-sql-injection"))).toContain("bug-sql-injection: bug line 91 is past the end of src/find-by-email.ts (6 lines)");
  });
});

describe("addedLines", () => {
  it("marks inserted and rewritten lines of the head", () => {
    expect([...addedLines("a\nb\nc\n", "a\nx\nb\nc2\n")]).toEqual([2, 4]);
    expect([...addedLines(undefined, "a\nb")]).toEqual([1, 2]);
  });
});

describe("judging a review", () => {
  const diagnostic = byId("diag-ts2322-cents-string");
  const line = diagnostic.diagnostic?.line ?? 0;
  const checker = { path: "src/money.ts", startLine: line, line, severity: "error", rule: "ts/TS2322", message: "Type 'number' is not assignable to type 'string'." };
  const withFix = (replacement: string): string =>
    JSON.stringify({ findings: [{ ...checker, suggestion: { origin: "model", edit: { path: "src/money.ts", startLine: line, endLine: line, replacement } } }] });

  it("counts a model fix that keeps the computation, and not one that replaces it with a literal", () => {
    const keeps = judgeFix(diagnostic, readReview(withFix("  const gross: number = Math.round(netAmount * (1 + vatRate) * 100);")));
    expect(keeps).toMatchObject({ reported: true, deterministic: false, validated: true, keeps: true });
    const literal = judgeFix(diagnostic, readReview(withFix('  const gross: string = "0";')));
    expect(literal).toMatchObject({ validated: true, keeps: false });
    expect(literal?.lost).toContain("drops Math.round(netAmount * (1 + vatRate) * 100)");
  });

  it("takes a deterministic suggestion as no fix task, and tolerates missing fields", () => {
    const review = readReview(JSON.stringify({ findings: [{ ...checker, suggestion: { origin: "typescript", edit: { path: "src/money.ts", startLine: line, endLine: line, replacement: "x" } } }, { line: "bad" }], stats: 3 }));
    expect(judgeFix(diagnostic, review)).toMatchObject({ reported: true, deterministic: true });
    expect(review.findings).toHaveLength(1);
  });

  it("finds an echo on the same or next line, and a planted bug by its lines and words", () => {
    const echo = { path: "src/money.ts", startLine: line + 1, line: line + 1, severity: "error", rule: "model/style", message: "Type 'number' is not assignable to type 'string'" };
    expect(echoedFindings(readReview(JSON.stringify({ findings: [checker, echo] })))).toHaveLength(1);
    const bugCase = byId("bug-sql-injection");
    const bug = bugCase.bug ?? { path: "", startLine: 0 };
    const finding = { path: bug.path, startLine: bug.startLine, line: bug.startLine, severity: "warning", rule: "model/security", message: "The email is concatenated into the SQL string." };
    expect(findsBug(bugCase, finding)).toBe(true);
    expect(findsBug(bugCase, { ...finding, message: "Consider adding error handling." })).toBe(false);
    expect(findsBug(bugCase, { ...finding, startLine: 1, line: 1 })).toBe(false);
  });

  it("reads model usage wherever the stats put it", () => {
    expect(readReview(JSON.stringify({ findings: [], stats: { model: { calls: 3, promptTokens: 900, completionTokens: 120, ms: 4000 } } })).usage).toEqual({ calls: 3, promptTokens: 900, answerTokens: 120, ms: 4000 });
    expect(readReview(JSON.stringify({ findings: [], stats: { timings: { model: 5 } } })).usage).toBeUndefined();
    // The review's own stats.model: totals, prompt tokens evaluated, and per stage.
    const fixes = { calls: 1, promptTokens: 600, promptTokensEvaluated: 400, answerTokens: 30, ms: 9000, secondsPerCall: 9 };
    const stats = { model: { ...fixes, calls: 2, ms: 12_000, stages: { fixes, findings: { ...fixes, ms: 3000 } } } };
    expect(readReview(JSON.stringify({ findings: [], stats })).usage).toEqual({
      calls: 2,
      promptTokens: 600,
      promptTokensEvaluated: 400,
      answerTokens: 30,
      ms: 12_000,
      stages: { fixes: { calls: 1, promptTokens: 600, promptTokensEvaluated: 400, answerTokens: 30, ms: 9000 }, findings: { calls: 1, promptTokens: 600, promptTokensEvaluated: 400, answerTokens: 30, ms: 3000 } },
    });
  });

  it("applies whole-line edits and compares without whitespace", () => {
    expect(applyEdit("a\nb\nc", { path: "f", startLine: 2, endLine: 2, replacement: "x\ny", deletion: false })).toBe("a\nx\ny\nc");
    expect(applyEdit("a\nb\nc", { path: "f", startLine: 2, endLine: 3, replacement: "", deletion: true })).toBe("a");
    expect(compact("split( '@' )")).toBe('split("@")');
  });
});
