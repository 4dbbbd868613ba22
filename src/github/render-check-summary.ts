import type { StandingFile } from "../review/markers.js";
import type { ReviewChangeResult } from "../pipeline/review-types.js";
import type { Severity } from "../types.js";
import type { CheckOutput } from "./limit-check-output.js";
import { describeStanding } from "./describe-standing.js";
import type { ReviewScope } from "./review-scope.js";

export interface CheckSummaryInput {
  readonly result: ReviewChangeResult;
  /** Every finding standing at the head (this run's and those carried from earlier reviews), which the conclusion is from. */
  readonly standing?: readonly StandingFile[];
  readonly scope: ReviewScope;
  /** Files GitHub listed for the PR, and those the scope kept. */
  readonly filesListed: number;
  readonly filesInScope: number;
  /** GitHub's 3,000-file cap cut the list; `changedFiles` is what the PR really has. */
  readonly capped: boolean;
  readonly changedFiles: number;
  readonly comments: { readonly posted: number; readonly duplicates: number; readonly notInline: number };
  /** Whether a review was posted (none when nothing new was found on an already reviewed PR). */
  readonly reviewPosted: boolean;
  /** Milliseconds per stage, this run's own stages and the engine's. */
  readonly timings: Readonly<Record<string, number>>;
}

const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

const plural = (count: number, word: string): string => `${count} ${word}${count === 1 || word === "info" ? "" : "s"}`;

/** The completed check run's text: findings by severity, suggestions, comments, skipped files, model, time per stage. */
export function renderCheckSummary(input: CheckSummaryInput): CheckOutput {
  const { result, comments } = input;
  const bySeverity = SEVERITIES.map((severity) => ({ severity, count: result.findings.filter((f) => f.severity === severity).length }));
  const total = result.findings.length;
  const stats = result.stats;
  const standing = input.standing ?? [];
  const carried = standing.reduce((sum, f) => sum + f.error + f.warning + f.info, 0) - total;
  const title =
    total === 0
      ? carried > 0
        ? `No new findings in ${plural(stats.filesAnalysed, "file")}; ${describeStanding(standing).replace(/ in .*$/, "")} still standing from earlier reviews`
        : `No findings in ${plural(stats.filesAnalysed, "file")}`
      : `${plural(total, "finding")} (${bySeverity
          .filter((s) => s.count > 0)
          .map((s) => plural(s.count, s.severity))
          .join(", ")}), ${stats.suggestionsValidated} validated ${stats.suggestionsValidated === 1 ? "suggestion" : "suggestions"}`;

  const lines: string[] = [];
  if (input.capped) {
    lines.push(
      `> [!WARNING]\n> GitHub lists at most 3,000 files of a pull request and this one changes ${input.changedFiles.toLocaleString("en-US")}; only the first ${input.filesListed.toLocaleString("en-US")} were reviewed.`,
      "",
    );
  }
  lines.push(
    "| | |",
    "| --- | --- |",
    `| Findings | ${bySeverity.map((s) => plural(s.count, s.severity)).join(", ")} |`,
    ...(input.standing === undefined ? [] : [`| Standing at this head | ${describeStanding(standing)} (this run's and those of earlier reviews on files unchanged since) |`]),
    `| Suggestions | ${stats.suggestionsProposed} proposed, ${stats.suggestionsValidated} validated (${stats.suggestionsRepaired} after repair), ${stats.suggestionsRejected} rejected |`,
    `| Inline comments | ${comments.posted} posted, ${comments.duplicates} already on the PR, ${comments.notInline} in the review body instead |`,
    `| Files | ${stats.filesAnalysed} analysed, ${result.skipped.length} skipped, ${input.filesInScope} of ${input.filesListed} in scope |`,
    `| Scope | ${describeScope(input.scope)} |`,
    `| Model | ${result.model ?? "none (deterministic checks only)"} |`,
    `| Time | ${formatTimings(input.timings)} |`,
  );
  if (!input.reviewPosted) lines.push("", "Nothing new to report since the last review, so no review was posted.");
  if (result.skipped.length > 0) {
    lines.push("", "<details><summary>Skipped files</summary>", "");
    for (const file of result.skipped) lines.push(`- \`${file.path}\`: ${file.reason}`);
    lines.push("", "</details>");
  }
  if (result.notices.length > 0) {
    lines.push("", "**Notices**", "");
    for (const notice of result.notices) lines.push(`- ${notice.message}`);
  }
  return { title, summary: lines.join("\n") };
}

function describeScope(scope: ReviewScope): string {
  switch (scope.kind) {
    case "full":
      return `full review (${scope.reason})`;
    case "incremental":
      return `files changed since ${scope.since.slice(0, 7)}`;
    case "up-to-date":
      return `already reviewed at ${scope.since.slice(0, 7)}`;
  }
}

function formatTimings(timings: Readonly<Record<string, number>>): string {
  const entries = Object.entries(timings);
  if (entries.length === 0) return "n/a";
  return entries.map(([stage, ms]) => `${stage} ${ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`}`).join(" · ");
}
