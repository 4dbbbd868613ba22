import type { EditOutcome } from "../llm/findings/settle-edit.js";
import { inlineCode } from "../review/inline-code.js";
import { redactSecrets } from "../security/redact-secrets.js";
import { renderSuggestionBlock } from "../review/render-suggestion.js";
import { sanitizeModelText, type SanitizeContext } from "../review/sanitize-model-text.js";
import { toOneLine } from "../review/to-one-line.js";
import type { CommandResult } from "./command-context.js";

/**
 * The reply to `fix`: a ```suggestion block for the thread's lines when the
 * edit passed validation, otherwise what went wrong and why. A validated edit
 * that holds a secret-shaped string is not posted at all (the block would
 * publish it). What the fix does is said from the edit (the diagnostics it
 * removes), never from the model's explanation; rejection reasons are sanitised.
 */
export function renderFixReply(params: {
  readonly outcome: EditOutcome;
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  /** What the validated edit does, from the edit itself (see describeFix). */
  readonly effect?: string;
  readonly context: SanitizeContext;
}): CommandResult {
  const { outcome, context } = params;
  const lines = params.startLine === params.endLine ? `line ${params.startLine}` : `lines ${params.startLine}-${params.endLine}`;
  const where = `${inlineCode(params.path)} ${lines}`;
  if (outcome.kind === "validated") {
    const replacement = outcome.fix.edit.replacement;
    if (redactSecrets(replacement) !== replacement) {
      return {
        ok: false,
        body: `The fix for ${where} would have put a secret-shaped string (a token, key or password) into the code, so it is not posted. Ask again with a different instruction, or edit these lines by hand.`,
      };
    }
    const attempts = outcome.attempts > 1 ? ` (it passed on attempt ${outcome.attempts}, after the earlier ones were rejected)` : "";
    const sections = [`Suggested fix for ${where}, checked with ESLint and TypeScript${attempts}:`, renderSuggestionBlock(replacement, outcome.fix.edit.deletion === true)];
    if (params.effect !== undefined && params.effect !== "") sections.push(sanitizeModelText(params.effect, context));
    return { ok: true, body: sections.join("\n\n") };
  }
  const reasons = outcome.reasons.slice(0, 10).map((reason) => `- ${toOneLine(sanitizeModelText(reason, context))}`);
  const head = outcome.validated
    ? `No fix for ${where} passed ESLint and TypeScript (${outcome.attempts} attempt${outcome.attempts === 1 ? "" : "s"}), so none is offered as a suggestion. The last attempt was rejected because:`
    : `No fix for ${where} can be offered as a suggestion:`;
  return { ok: false, body: [head, reasons.join("\n")].join("\n\n") };
}
