import { median } from "./compare.js";
import type { CommitRecord, RepoRecord, RepoSummary } from "./records.js";

export function summarize(commits: readonly CommitRecord[]): RepoSummary {
  const failed: Record<string, number> = {};
  const eslintRules: Record<string, number> = {};
  const reviewMs: number[] = [];
  const tscMs: number[] = [];
  let compared = 0;
  let realOnAdded = 0;
  let found = 0;
  let tsFindings = 0;
  let matchedFindings = 0;
  let suggestions = 0;
  let suggestionsJudged = 0;
  let badSuggestions = 0;
  for (const commit of commits) {
    if (commit.tsc !== undefined && commit.status !== "tsc-failed") tscMs.push(commit.tsc.ms);
    if (commit.review !== undefined) reviewMs.push(commit.review.ms);
    if (commit.status !== "compared" || commit.comparison === undefined) {
      failed[commit.status] = (failed[commit.status] ?? 0) + 1;
      continue;
    }
    compared++;
    realOnAdded += commit.comparison.realOnAdded;
    found += commit.comparison.found;
    tsFindings += commit.comparison.tsFindings;
    matchedFindings += commit.comparison.matchedFindings;
    for (const [rule, count] of Object.entries(commit.review?.otherRules ?? {})) {
      if (rule.startsWith("eslint/")) eslintRules[rule] = (eslintRules[rule] ?? 0) + count;
    }
    const judged = (commit.suggestions ?? []).filter((s) => s.verdict === "clean" || s.verdict === "adds-error");
    suggestions += (commit.suggestions?.length ?? 0) + (commit.suggestionsNotChecked ?? 0);
    suggestionsJudged += judged.length;
    badSuggestions += judged.filter((s) => s.verdict === "adds-error").length;
  }
  const medianReviewMs = median(reviewMs) ?? null;
  const medianTscMs = median(tscMs) ?? null;
  return {
    commits: commits.length,
    compared,
    failed,
    realOnAdded,
    found,
    tsFindings,
    matchedFindings,
    precision: tsFindings === 0 ? null : matchedFindings / tsFindings,
    recall: realOnAdded === 0 ? null : found / realOnAdded,
    suggestions,
    suggestionsJudged,
    badSuggestions,
    medianReviewMs,
    medianTscMs,
    ratio: medianReviewMs !== null && medianTscMs !== null && medianTscMs > 0 ? medianReviewMs / medianTscMs : null,
    eslintRules,
  };
}

const pct = (value: number | null): string => (value === null ? "-" : `${(value * 100).toFixed(1)}%`);
const secs = (ms: number | null): string => (ms === null ? "-" : `${(ms / 1000).toFixed(1)} s`);

/** The per-repository table. */
export function formatTable(repos: readonly RepoRecord[]): string {
  const header = ["repository", "commits", "real errs (added)", "ps TS findings", "precision", "recall", "bad suggestions", "review (median)", "cold tsc (median)", "ratio"];
  const rows = repos.map(({ name, summary: s }) => [
    name,
    s.compared === s.commits ? String(s.commits) : `${s.compared}/${s.commits}`,
    `${s.realOnAdded}`,
    `${s.tsFindings} (${s.matchedFindings} match)`,
    pct(s.precision),
    s.realOnAdded === 0 ? "-" : `${pct(s.recall)} (${s.found}/${s.realOnAdded})`,
    `${s.badSuggestions}/${s.suggestionsJudged}${s.suggestions > s.suggestionsJudged ? ` (${s.suggestions - s.suggestionsJudged} unjudged)` : ""}`,
    secs(s.medianReviewMs),
    secs(s.medianTscMs),
    s.ratio === null ? "-" : `${s.ratio.toFixed(1)}x`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string => cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  const out = [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)];
  for (const { name, summary: s } of repos) {
    const failures = Object.entries(s.failed).map(([status, n]) => `${n} ${status}`);
    if (failures.length > 0) out.push(`${name}: not compared: ${failures.join(", ")} (see the JSON report)`);
  }
  return `${out.join("\n")}\n`;
}

/** ESLint findings per rule, per repository (no ground truth: for reading). */
export function formatEslintRules(repos: readonly RepoRecord[]): string {
  const out: string[] = [];
  for (const { name, summary } of repos) {
    const rules = Object.entries(summary.eslintRules).sort((a, b) => b[1] - a[1]);
    out.push(`${name}: ${rules.length === 0 ? "no ESLint findings" : rules.map(([rule, n]) => `${rule} ${n}`).join(", ")}`);
  }
  return `${out.join("\n")}\n`;
}

function firstLine(text: string, max = 200): string {
  const line = text.split("\n")[0] ?? "";
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Every patchsmith TS finding that no tsc error matched, with its message. */
export function formatFalsePositives(repos: readonly RepoRecord[]): string {
  const out: string[] = [];
  for (const repo of repos) {
    for (const commit of repo.commits) {
      for (const fp of commit.comparison?.falsePositives ?? []) {
        const notes = [fp.inProgram ? undefined : "file not in any tsc program", fp.onAddedLine ? undefined : "not an added line"].filter((n) => n !== undefined);
        out.push(`${repo.name} ${commit.sha.slice(0, 8)} ${fp.path}:${fp.line} ${fp.rule} ${firstLine(fp.message)}${notes.length > 0 ? ` [${notes.join("; ")}]` : ""}`);
      }
    }
  }
  return out.length === 0 ? "(none)\n" : `${out.join("\n")}\n`;
}

/** Suggestions after which tsc reported a new error. */
export function formatBadSuggestions(repos: readonly RepoRecord[]): string {
  const out: string[] = [];
  for (const repo of repos) {
    for (const commit of repo.commits) {
      for (const s of commit.suggestions ?? []) {
        if (s.verdict !== "adds-error") continue;
        const first = s.introduced[0];
        const what = first === undefined ? "" : `: ${first.path ?? ""}:${first.line ?? ""} TS${first.code} ${firstLine(first.message, 160)}`;
        out.push(`${repo.name} ${commit.sha.slice(0, 8)} ${s.path}:${s.line} ${s.rule} "${firstLine(s.title, 80)}" adds ${s.introduced.length} error(s)${what}`);
      }
    }
  }
  return out.length === 0 ? "(none)\n" : `${out.join("\n")}\n`;
}
