import { findHunkForRange } from "../diff/commentable-lines.js";
import type { FileDiff, Finding, ReviewComment, Severity } from "../types.js";
import { fingerprint } from "./fingerprint.js";
import { inlineCode } from "./inline-code.js";
import { renderFingerprintMarker } from "./markers.js";
import { renderSuggestionBlock } from "./render-suggestion.js";
import { sanitizeModelText, type SanitizeContext } from "./sanitize-model-text.js";

const LABELS: Readonly<Record<Severity, string>> = { error: "Error", warning: "Warning", info: "Note" };

/**
 * One inline review comment for a finding, or undefined when its lines are
 * not all inside one hunk of the file's diff (GitHub would reject it).
 *
 * With a suggestion the comment covers exactly the edit's lines and ends in a
 * ```suggestion block; otherwise it covers the finding's lines and any advice
 * is plain text. Everything not written by patchsmith is sanitised. The body
 * ends with the fingerprint marker, computed from the code now on those lines
 * (`headLines`: the head version of the file split into lines).
 */
export function renderComment(
  finding: Finding,
  file: FileDiff,
  headLines: readonly string[],
  context: SanitizeContext = {},
): ReviewComment | undefined {
  if (finding.path !== file.path) return undefined;
  const suggestion = finding.suggestion?.edit.path === file.path ? finding.suggestion : undefined;
  const startLine = suggestion ? suggestion.edit.startLine : finding.startLine;
  const line = suggestion ? suggestion.edit.endLine : finding.line;
  if (!findHunkForRange(file, startLine, line)) return undefined;

  const code = headLines.slice(startLine - 1, line).join("\n");
  const print = fingerprint({ path: file.path, code, rule: finding.rule });
  const unverified = finding.unverified === true ? "The model's unverified observation (no checker confirms it): " : "";
  const sections = [`**${LABELS[finding.severity]}:** ${unverified}${sanitizeModelText(finding.message, context)}`, `Rule: ${inlineCode(finding.rule)}`];
  if (suggestion) {
    const title = sanitizeModelText(suggestion.title, context);
    sections.push(`Suggested fix, checked with ESLint and TypeScript: ${title}`, renderSuggestionBlock(suggestion.edit.replacement, suggestion.edit.deletion === true));
  } else if (finding.advice !== undefined && finding.advice.trim() !== "") {
    sections.push(`Advice (not checked, so not offered as a one-click suggestion): ${sanitizeModelText(finding.advice, context)}`);
  }
  sections.push(renderFingerprintMarker(print));
  return {
    path: file.path,
    line,
    ...(startLine < line ? { startLine } : {}),
    side: "RIGHT",
    body: sections.join("\n\n"),
    fingerprint: print,
  };
}
