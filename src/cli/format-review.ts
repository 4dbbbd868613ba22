import { redactSecrets } from "../security/redact-secrets.js";
import type { ReviewChangeResult } from "../pipeline/review-types.js";
import type { Finding } from "../types.js";

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
  const secretLines = linesWithSecrets(result.findings);
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
      lines.forEach((line, index) => {
        // A line a secret was found on is never printed; any other is printed with secret-shaped text redacted.
        out.push(secretLines.has(`${edit.path}:${edit.startLine + index}`) ? `  - ${SECRET_LINE}` : `  - ${redactSecrets(line)}`);
      });
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

const SECRET_LINE = "(a line with the secret found here; not shown)";

/** "path:line" for every line a secret finding covers. */
function linesWithSecrets(findings: readonly Finding[]): ReadonlySet<string> {
  const lines = new Set<string>();
  for (const finding of findings) {
    if (!finding.rule.startsWith("secret/")) continue;
    for (let line = finding.startLine; line <= finding.line; line++) lines.add(`${finding.path}:${line}`);
  }
  return lines;
}
