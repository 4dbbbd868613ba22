import type { Diagnostic, FileDiff, ValidationVerdict } from "../types.js";

/**
 * What the model is shown, with secrets masked line by line (line numbers
 * stay true): the hunks, the files, the diagnostics (a message can quote a
 * literal), the PR's title and description, and the reasons an edit was
 * rejected (they go back to the model in the repair loop).
 */
export function maskModelInput(mask: (text: string) => string) {
  return {
    diff: (files: readonly FileDiff[]): FileDiff[] =>
      files.map((file) => ({ ...file, hunks: file.hunks.map((hunk) => ({ ...hunk, lines: hunk.lines.map((line) => ({ ...line, content: mask(line.content) })) })) })),
    text: (text: string | undefined): string | undefined => (text === undefined ? undefined : mask(text)),
    diagnostics: (diagnostics: readonly Diagnostic[]): Diagnostic[] => diagnostics.map((d) => ({ ...d, message: mask(d.message) })),
    pr: (pr: { readonly title: string; readonly body: string }) => ({ title: mask(pr.title), body: mask(pr.body) }),
    verdict: (verdict: ValidationVerdict): ValidationVerdict => ({
      ...verdict,
      reasons: verdict.reasons.map(mask),
      introduced: verdict.introduced.map((d) => ({ ...d, message: mask(d.message) })),
    }),
  };
}
