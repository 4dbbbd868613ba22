import type { Diagnostic, Fix, ValidationVerdict } from "../types.js";
import type { Workspace } from "../workspace/create-workspace.js";
import { checkKeepsBehaviour } from "./check-keeps-behaviour.js";
import { validateEdit } from "./validate-edit.js";

/**
 * validateEdit for an edit the model wrote: first it must keep what the code
 * computes (no dropped call, name or operand the diagnostics in `pointedAt` did
 * not point at, no computed value turned into a literal), then it must pass
 * ESLint and TypeScript as every edit does.
 */
export function validateModelEdit(workspace: Workspace, fix: Fix, pointedAt: readonly Diagnostic[] = []): ValidationVerdict {
  const text = workspace.getText(fix.edit.path);
  if (text !== undefined) {
    const reasons = checkKeepsBehaviour({ text, edit: fix.edit, pointedAt: fix.target === undefined ? pointedAt : [fix.target, ...pointedAt] });
    if (reasons.length > 0) return { ok: false, reasons, introduced: [] };
  }
  return validateEdit(workspace, fix);
}
