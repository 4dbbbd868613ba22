import { applyEdit } from "../analyze/apply-edit.js";
import type { Diagnostic, Fix } from "../types.js";
import type { Workspace } from "../workspace/create-workspace.js";

/**
 * The diagnostics of the edited file on the edited lines that the edit removes
 * (none with their rule and message is left after it): what a suggestion can
 * truthfully say it does. The workspace is restored before returning.
 */
export function diagnosticsRemovedBy(workspace: Workspace, fix: Fix): Diagnostic[] {
  const { path, startLine, endLine } = fix.edit;
  const original = workspace.getText(path);
  if (original === undefined) return [];
  const onLines = workspace.diagnose(path).filter((d) => d.line <= endLine && d.endLine >= startLine);
  if (onLines.length === 0) return [];
  workspace.setText(path, applyEdit(original, fix.edit));
  try {
    const after = workspace.diagnose(path);
    const key = (d: Diagnostic): string => `${d.source}\u0000${d.code}\u0000${d.message}`;
    const left = new Map<string, number>();
    for (const d of after) left.set(key(d), (left.get(key(d)) ?? 0) + 1);
    const removed: Diagnostic[] = [];
    for (const d of onLines) {
      const count = left.get(key(d)) ?? 0;
      if (count > 0) left.set(key(d), count - 1);
      else removed.push(d);
    }
    return removed;
  } finally {
    workspace.setText(path, original);
  }
}
