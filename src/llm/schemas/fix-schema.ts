/**
 * A fix answer has no header: only the new text of the marked lines, as one
 * fenced block (FIX_ANSWER_GRAMMAR). The model's explanation is not asked for:
 * what a fix does is described from the edit itself.
 */
export const fixHeaderSchema = { type: "object", properties: {} } as const;

/** A fix answer as the rest of patchsmith sees it. */
export interface FixOutput {
  /** The new text of the lines, without a markdown fence and without a trailing newline. */
  readonly replacement: string;
}
