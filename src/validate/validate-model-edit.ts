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
  if (text !== undefined && fix.target !== undefined && unchanged(text, fix)) {
    // Said so the model sees that its lines are the old ones and what is still wrong with them.
    const target = fix.target;
    return { ok: false, reasons: [`it changes nothing: these are the lines as they are, and ${target.code} (${target.message}) is still there; change them so that it goes away`], introduced: [] };
  }
  if (text !== undefined) {
    const reasons = checkKeepsBehaviour({ text, edit: fix.edit, pointedAt: fix.target === undefined ? pointedAt : [fix.target, ...pointedAt] });
    if (reasons.length > 0) return { ok: false, reasons, introduced: [] };
  }
  return validateEdit(workspace, fix);
}

function unchanged(text: string, fix: Fix): boolean {
  const lines = text.split(/\r?\n/).slice(fix.edit.startLine - 1, fix.edit.endLine);
  return fix.edit.deletion !== true && lines.join("\n").trimEnd() === fix.edit.replacement.trimEnd();
}
