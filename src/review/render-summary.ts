import type { Finding, Severity } from "../types.js";
import { inlineCode } from "./inline-code.js";
import { moreItems } from "./more-items.js";
import type { ReviewResult } from "./review-types.js";
import type { SanitizeContext } from "./sanitize-model-text.js";
import { summariseUntrusted } from "./summarise-untrusted.js";

export interface ReviewBodyParams extends Pick<ReviewResult, "findings" | "comments" | "overflow" | "skipped" | "notices" | "stats"> {
  /** Name of the model and backend, or undefined when only deterministic checks ran. */
  readonly model?: string;
  /** The repository, so sanitised text may link into it. */
  readonly repo?: { readonly owner: string; readonly name: string };
}

/** Longest lists in the body; GitHub caps a review body at 65,536 characters. */
const MAX_OVERFLOW = 30;
const MAX_SKIPPED = 30;
const MAX_NOTICES = 20;
const MAX_MESSAGE = 300;

const SEVERITY_WORDS: Readonly<Record<Severity, readonly [string, string]>> = {
  error: ["error", "errors"],
  warning: ["warning", "warnings"],
  info: ["note", "notes"],
};

/**
 * The review body users read first: a one-line verdict, counts, what happened
 * to suggestions, the findings that did not become inline comments, skipped
 * files, notices and the model used. No state marker: the caller appends it.
 */
export function renderReviewBody(params: ReviewBodyParams): string {
  const context: SanitizeContext = params.repo ? { owner: params.repo.owner, repo: params.repo.name } : {};
  const counts = countBySeverity(params.findings);
  const { stats } = params;
  const lines = ["### patchsmith review", "", verdict(counts, stats.filesAnalysed), ""];

  lines.push(
    `- **Findings:** ${counts.error} ${plural(counts.error, SEVERITY_WORDS.error)} · ${counts.warning} ${plural(counts.warning, SEVERITY_WORDS.warning)} · ${counts.info} ${plural(counts.info, SEVERITY_WORDS.info)}; ${params.comments.length} commented inline`,
    `- **Suggestions:** ${stats.suggestionsProposed} proposed · ${stats.suggestionsValidated} validated${stats.suggestionsRepaired > 0 ? ` (${stats.suggestionsRepaired} of them after a repair)` : ""} · ${stats.suggestionsRejected} rejected by ESLint or TypeScript`,
    `- **Files:** ${stats.filesAnalysed} analysed · ${stats.filesSkipped} skipped`,
  );

  if (params.overflow.length > 0) {
    lines.push("", "#### Not posted inline", "", "Over the comment limit, or on lines outside the diff:", "");
    for (const finding of params.overflow.slice(0, MAX_OVERFLOW)) {
      const where = finding.startLine < finding.line ? `${finding.path}:${finding.startLine}-${finding.line}` : `${finding.path}:${finding.line}`;
      lines.push(`- ${inlineCode(where)} **${finding.severity}** ${inlineCode(finding.rule)}: ${summarise(finding.message, context)}`);
    }
    lines.push(...moreItems(params.overflow.length - MAX_OVERFLOW, "finding"));
  }

  if (params.skipped.length > 0) {
    lines.push("", "#### Files not reviewed", "");
    for (const file of params.skipped.slice(0, MAX_SKIPPED)) lines.push(`- ${inlineCode(file.path)}: ${summarise(file.reason, context)}`);
    lines.push(...moreItems(params.skipped.length - MAX_SKIPPED, "file"));
  }

  if (params.notices.length > 0) {
    lines.push("", "#### Notices", "");
    for (const notice of params.notices.slice(0, MAX_NOTICES)) lines.push(`- ${summarise(notice.message, context)}`);
    lines.push(...moreItems(params.notices.length - MAX_NOTICES, "notice"));
  }

  const model = params.model === undefined ? "deterministic checks only (no model configured)" : inlineCode(params.model);
  lines.push("", "---", `Model: ${model}. A suggestion is posted only after its edit was applied in memory and re-checked with ESLint and TypeScript.`);
  return lines.join("\n");
}

function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

function verdict(counts: Record<Severity, number>, files: number): string {
  const scope = `in the changed lines of ${files} ${files === 1 ? "file" : "files"}`;
  if (counts.error > 0) return `**Changes needed:** ${describe(counts)} ${scope}.`;
  if (counts.warning > 0) return `**Worth a look:** ${describe(counts)} ${scope}.`;
  if (counts.info > 0) return `**Looks good:** only ${describe(counts)} ${scope}.`;
  return `**Looks good:** no problems found ${scope}.`;
}

function describe(counts: Record<Severity, number>): string {
  const parts = (["error", "warning", "info"] as const)
    .filter((severity) => counts[severity] > 0)
    .map((severity) => `${counts[severity]} ${plural(counts[severity], SEVERITY_WORDS[severity])}`);
  return parts.length <= 1 ? parts.join("") : `${parts.slice(0, -1).join(", ")} and ${parts.at(-1) ?? ""}`;
}

function plural(count: number, words: readonly [string, string]): string {
  return count === 1 ? words[0] : words[1];
}

/** Untrusted text for one list item, cut at MAX_MESSAGE. */
function summarise(text: string, context: SanitizeContext): string {
  return summariseUntrusted(text, context, MAX_MESSAGE);
}
