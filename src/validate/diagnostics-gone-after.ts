import { applyEdit } from "../analyze/apply-edit.js";
import type { Diagnostic, Fix } from "../types.js";
import type { Workspace } from "../workspace/create-workspace.js";

/**
 * Which of `candidates` (diagnostics of the edited file, on any line) are gone
 * once the edit is applied: none with their checker, code and message is left
 * on their line (shifted by the lines the edit adds or removes, for lines after
 * it). A diagnostic that is only a consequence of another (a callback's
 * implicit `any` on a call that does not type-check) goes with the other's fix.
 * The workspace is restored before returning.
 */
export function diagnosticsGoneAfter(workspace: Workspace, fix: Fix, candidates: readonly Diagnostic[]): Diagnostic[] {
  const { path, startLine, endLine } = fix.edit;
  const original = workspace.getText(path);
  const mine = candidates.filter((d) => d.path === path);
  if (original === undefined || mine.length === 0) return [];
  const edited = applyEdit(original, fix.edit);
  const shift = edited.split("\n").length - original.split("\n").length;
  workspace.setText(path, edited);
  try {
    const after = workspace.diagnose(path);
    const key = (d: Diagnostic, line: number): string => `${d.source}\u0000${d.code}\u0000${d.message}\u0000${line}`;
    const left = new Set(after.map((d) => key(d, d.line)));
    return mine.filter((d) => {
      // A diagnostic inside the edited lines is gone when its text is nowhere on the lines that replaced them.
      if (d.line >= startLine && d.line <= endLine) return !after.some((a) => a.source === d.source && a.code === d.code && a.message === d.message && a.line >= startLine && a.line <= endLine + shift);
      return !left.has(key(d, d.line > endLine ? d.line + shift : d.line));
    });
  } finally {
    workspace.setText(path, original);
  }
}
