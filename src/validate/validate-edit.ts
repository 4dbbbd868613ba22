import { applyEdit, EditRangeError } from "../analyze/apply-edit.js";
import { IDENTITY_LINE_MAP, lineMapOfEdit } from "../analyze/line-map.js";
import { diagnosticsNewAcross } from "../analyze/match-diagnostics.js";
import type { Diagnostic, Fix, ValidationVerdict } from "../types.js";
import type { Workspace } from "../workspace/create-workspace.js";
import { MAX_NESTING_DEPTH, measureNestingDepth } from "../workspace/measure-nesting-depth.js";

/**
 * The core promise: apply an edit in memory, re-run ESLint and TypeScript on
 * the file and on the loaded files that import it, and accept only when no
 * diagnostic is new compared with before the edit and the targeted
 * diagnostic (if any) is gone. The workspace is restored before returning.
 * An edit that nests brackets deeper than a file may be loaded with, or whose
 * checking fails, is rejected with the reason: one edit never fails the review.
 */
export function validateEdit(workspace: Workspace, fix: Fix): ValidationVerdict {
  const { path } = fix.edit;
  const original = workspace.getText(path);
  if (original === undefined) return reject([`${path} is not part of this review, so an edit to it cannot be checked.`]);

  let patched: string;
  try {
    patched = applyEdit(original, fix.edit);
  } catch (error) {
    if (error instanceof EditRangeError) return reject([error.message]);
    throw error;
  }
  if (patched === original) return reject(["The edit changes nothing."]);
  if (measureNestingDepth(patched) > MAX_NESTING_DEPTH) return reject([`The edit nests brackets more than ${MAX_NESTING_DEPTH} levels deep, more than patchsmith parses.`]);

  const affected = [path, ...workspace.dependents(path)];
  let before: Map<string, Diagnostic[]>;
  try {
    before = new Map(affected.map((p) => [p, workspace.diagnose(p)] as const));
  } catch (error) {
    return reject([`Checking ${path} failed (${(error as Error).message}), so the edit cannot be validated.`]);
  }
  workspace.setText(path, patched);
  try {
    const introduced: Diagnostic[] = [];
    // A diagnostic is new when it has no counterpart before the edit: at the line the edit maps it to,
    // or, on the edited lines, with the same rule and message (or the same rule, reworded by the edit).
    const map = lineMapOfEdit(fix.edit);
    for (const p of affected) {
      introduced.push(...diagnosticsNewAcross({ before: before.get(p) ?? [], after: workspace.diagnose(p), map: p === path ? map : IDENTITY_LINE_MAP, reworded: fix.target ? { target: fix.target } : {} }));
    }
    const reasons = introduced.map(describe);
    if (fix.target && stillPresent(fix.target, before.get(path) ?? [], workspace.diagnose(path))) {
      reasons.push(`The diagnostic it should fix is still there: ${describe(fix.target)}`);
    }
    return reasons.length === 0 ? { ok: true, reasons: [], introduced: [] } : { ok: false, reasons, introduced };
  } catch (error) {
    return reject([`Checking the edited ${path} failed (${(error as Error).message}), so the edit cannot be validated.`]);
  } finally {
    workspace.setText(path, original);
  }
}

function reject(reasons: string[]): ValidationVerdict {
  return { ok: false, reasons, introduced: [] };
}

/** The target is gone when fewer diagnostics with its rule and message remain than before. */
function stillPresent(target: Diagnostic, before: readonly Diagnostic[], after: readonly Diagnostic[]): boolean {
  const same = (d: Diagnostic): boolean => d.source === target.source && d.code === target.code && d.message === target.message;
  return after.filter(same).length >= before.filter(same).length;
}

function describe(d: Diagnostic): string {
  return `${d.path}:${d.line}:${d.column} ${d.source === "typescript" ? d.code : `eslint(${d.code})`}: ${d.message}`;
}
