import { findHunkForRange } from "../../diff/commentable-lines.js";
import type { Diagnostic, Edit, FileDiff, Fix, ValidationVerdict } from "../../types.js";
import type { Generator, PullRequestText, RejectedAttempt } from "../generator.js";
import { applyEdit } from "../../analyze/apply-edit.js";
import { explainRejection } from "../prompts/explain-rejection.js";
import { normalizeReplacement } from "./normalize-replacement.js";
import { restoreIndentation } from "./restore-indentation.js";
import { stripLineNumbers } from "./strip-line-numbers.js";
import { trimEchoedContext } from "./trim-echoed-context.js";

export type EditOutcome =
  | { readonly kind: "validated"; readonly fix: Fix; readonly attempts: number }
  | { readonly kind: "rejected"; readonly reasons: readonly string[]; readonly attempts: number; readonly validated: boolean };

/**
 * The repair loop for one model-proposed edit:
 *  1. refuse an edit outside the PR's hunks without validating it (the model may only touch the PR's lines);
 *  2. validate it; when rejected, give the reasons back to the model (`fixRange` on the same lines) and validate again,
 *     up to `maxAttempts` attempts in all;
 *  3. return the first validated fix, or the last rejection reasons; an answer that repeats a rejected
 *     one ends the loop (a small model at temperature 0 tends to, and another call would cost the same).
 */
export async function settleEdit(params: {
  readonly generator: Generator;
  readonly file: FileDiff;
  readonly edit: Edit;
  readonly title: string;
  /** The finding's message: what the edit is meant to fix. */
  readonly problem: string;
  readonly fileText: string | undefined;
  readonly diagnostics: readonly Diagnostic[];
  readonly pr?: PullRequestText;
  readonly validate: (fix: Fix) => ValidationVerdict;
  readonly maxAttempts: number;
  /**
   * An answer with fewer lines than the range rewrites its first lines and keeps the others (fix tasks:
   * a small model asked for lines 18-19 often sends back only the line it changed). Off: it deletes them.
   */
  readonly keepUnansweredLines?: boolean;
  /** Declarations of the types the lines use, shown with every repair request. */
  readonly typesText?: string;
  readonly signal?: AbortSignal;
}): Promise<EditOutcome> {
  const { edit } = params;
  if (findHunkForRange(params.file, edit.startLine, edit.endLine) === undefined) {
    return {
      kind: "rejected",
      reasons: [`it would change lines ${edit.startLine}-${edit.endLine}, which are not all inside one hunk of this pull request's changes`],
      attempts: 1,
      validated: false,
    };
  }
  const previousAttempts: RejectedAttempt[] = [];
  const replacedFirstLine = params.fileText?.split(/\r?\n/)[edit.startLine - 1];
  const tidy = (text: string): string => {
    const bare = stripLineNumbers(normalizeReplacement(text));
    const trimmed = params.fileText === undefined ? bare : trimEchoedContext(bare, params.fileText, edit.startLine, edit.endLine);
    const indented = restoreIndentation(trimmed, replacedFirstLine);
    const answered = indented.split("\n").length;
    if (params.keepUnansweredLines !== true || params.fileText === undefined || indented === "" || answered >= edit.endLine - edit.startLine + 1) return indented;
    const kept = params.fileText.split(/\r?\n/).slice(edit.startLine - 1 + answered, edit.endLine);
    return [indented, ...kept].join("\n");
  };
  let replacement = tidy(edit.replacement);
  for (let attempt = 1; ; attempt += 1) {
    // A model that answers nothing for the lines means to delete them.
    const fix: Fix = { edit: { ...edit, replacement, ...(replacement === "" ? { deletion: true } : {}) }, title: params.title, origin: "model" };
    const verdict = params.validate(fix);
    if (verdict.ok) return { kind: "validated", fix, attempts: attempt };
    const reasons = verdict.reasons.length > 0 ? verdict.reasons : ["it did not pass validation"];
    previousAttempts.push({ replacement, reasons: explainRejection({ sent: replacement, file: patchedLines(params.fileText, fix), reasons, path: edit.path, showStart: false }) });
    if (attempt >= params.maxAttempts || params.fileText === undefined) return { kind: "rejected", reasons, attempts: attempt, validated: true };
    try {
      const answer = await params.generator.fixRange(
        {
          path: edit.path,
          startLine: edit.startLine,
          endLine: edit.endLine,
          fileText: params.fileText,
          instruction: params.problem,
          diagnostics: params.diagnostics,
          previousAttempts,
          ...(params.typesText === undefined ? {} : { typesText: params.typesText }),
          ...(params.pr === undefined ? {} : { pr: params.pr }),
        },
        params.signal === undefined ? {} : { signal: params.signal },
      );
      replacement = tidy(answer.replacement);
      if (previousAttempts.some((earlier) => earlier.replacement === replacement)) {
        return { kind: "rejected", reasons: [...reasons, "the model answered with an edit it was told was wrong, unchanged"], attempts: attempt + 1, validated: true };
      }
    } catch (error) {
      if (params.signal?.aborted === true) throw error;
      return { kind: "rejected", reasons: [...reasons, `no further attempt: ${(error as Error).message}`], attempts: attempt, validated: true };
    }
  }
}

/** The file as the edit leaves it, so reasons that name a line of it can quote that line; the replacement alone when the file is unknown. */
function patchedLines(fileText: string | undefined, fix: Fix): string {
  if (fileText === undefined) return fix.edit.replacement;
  try {
    return applyEdit(fileText, fix.edit);
  } catch {
    return fix.edit.replacement;
  }
}
