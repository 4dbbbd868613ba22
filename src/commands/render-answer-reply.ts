import type { AnswerOutput } from "../llm/generator.js";
import { inlineCode } from "../review/inline-code.js";
import { sanitizeModelText, type SanitizeContext } from "../review/sanitize-model-text.js";

/**
 * The model's answer (to `ask` or `explain`) as a reply: the sanitised text,
 * then the places it points to, kept only when they are files of this pull
 * request, as plain code spans (never links).
 */
export function renderAnswerReply(params: { readonly answer: AnswerOutput; readonly paths: ReadonlySet<string>; readonly context: SanitizeContext }): string {
  const text = sanitizeModelText(params.answer.answer, params.context);
  const seen = new Set<string>();
  const references: string[] = [];
  for (const ref of params.answer.references) {
    if (!params.paths.has(ref.path) || !Number.isInteger(ref.line) || ref.line < 1) continue;
    const label = `${ref.path}:${ref.line}`;
    if (seen.has(label)) continue;
    seen.add(label);
    references.push(inlineCode(label));
  }
  const body = text.trim() === "" ? "The model gave no answer." : text;
  return references.length > 0 ? `${body}\n\nSee ${references.join(", ")}.` : body;
}
