import type { ReviewChangeResult } from "../review/review-types.js";

export type OutputFormat = "text" | "json" | "markdown";

/** The review for a terminal, a machine, or exactly as the App posts it (markdown). */
export function formatReview(result: ReviewChangeResult, format: OutputFormat, headText: (path: string) => string | undefined): string {
  if (format === "json") return `${JSON.stringify(result, null, 2)}\n`;
  if (format === "markdown") return formatMarkdown(result);
  return formatText(result, headText);
}

function formatMarkdown(result: ReviewChangeResult): string {
  const parts = [result.body.trimEnd()];
  for (const comment of result.comments) {
    const where = comment.startLine === undefined ? `line ${comment.line}` : `lines ${comment.startLine}-${comment.line}`;
    parts.push(`---\n\n**${comment.path}** ${where}\n\n${comment.body.trimEnd()}`);
  }
  return `${parts.join("\n\n")}\n`;
}

function formatText(result: ReviewChangeResult, headText: (path: string) => string | undefined): string {
  const out: string[] = [];
  const { stats } = result;
  out.push(
    `patchsmith: ${result.findings.length} finding(s) in ${stats.filesAnalysed} file(s) analysed; ` +
      `${stats.suggestionsValidated} suggestion(s) validated, ${stats.suggestionsRejected} rejected.`,
  );
  out.push(result.model === undefined ? "model: none (deterministic checks only)" : `model: ${result.model}`);
  for (const finding of result.findings) {
    out.push("");
    out.push(`${finding.path}:${finding.line}  ${finding.severity}  ${finding.rule}  ${finding.message}`);
    if (finding.suggestion) {
      const { edit, title } = finding.suggestion;
      out.push(`  suggestion (validated): ${title}`);
      const lines = (headText(edit.path) ?? "").split(/\r?\n/).slice(edit.startLine - 1, edit.endLine);
      for (const line of lines) out.push(`  - ${line}`);
      for (const line of edit.deletion === true ? [] : edit.replacement.split("\n")) out.push(`  + ${line}`);
    } else if (finding.advice !== undefined) {
      out.push(`  advice (not validated, so not a suggestion): ${finding.advice}`);
    }
  }
  if (result.skipped.length > 0) {
    out.push("", "skipped:");
    for (const s of result.skipped) out.push(`  ${s.path}: ${s.reason}`);
  }
  if (result.notices.length > 0) {
    out.push("", "notices:");
    for (const n of result.notices) out.push(`  ${n.message}`);
  }
  return `${out.join("\n")}\n`;
}
