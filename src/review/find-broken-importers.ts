import { IDENTITY_LINE_MAP } from "../analyze/line-map.js";
import { diagnosticsNewAcross } from "../analyze/match-diagnostics.js";
import type { Diagnostic, Finding, Notice } from "../types.js";
import type { Workspace } from "../workspace/create-workspace.js";
import { inlineCode } from "./inline-code.js";
import type { ImporterSet } from "./load-importers.js";

/** More new errors than this in one untouched importer look like a changed environment, not a broken caller. */
const MAX_ERRORS_PER_IMPORTER = 5;

/**
 * TypeScript errors a change causes in files it did not touch: each importer
 * (unchanged text) is type-checked at head and, only when head has errors, at
 * base; an error is the change's when the base has no error of the same code
 * on the same line (nor the same message there). An importer either side does
 * not type-check is skipped. Findings sit on the importer's line, so they are
 * listed in the review body; a file with more than a few new errors gets a
 * notice instead (its settings, not a caller, likely changed).
 */
export function findBrokenImporters(params: {
  readonly set: ImporterSet;
  readonly head: Workspace;
  readonly base: Workspace;
}): { readonly findings: readonly Finding[]; readonly notices: readonly Notice[] } {
  const { head, base } = params;
  const findings: Finding[] = [];
  const notices: Notice[] = [];
  for (const path of params.set.importers) {
    const fresh = newErrorsIn(path, head, base);
    if (fresh.length === 0) continue;
    const changed = (params.set.changedImports.get(path) ?? []).map(inlineCode).join(", ");
    if (fresh.length > MAX_ERRORS_PER_IMPORTER) {
      notices.push({ path, message: `${inlineCode(path)} was not changed but has ${fresh.length} new TypeScript errors after this change to ${changed}; more than ${MAX_ERRORS_PER_IMPORTER} in one file look like changed settings rather than a broken caller, so they were not listed. Run \`tsc --noEmit\` to see them.` });
      continue;
    }
    for (const d of fresh) findings.push(toFinding(d, changed));
  }
  return { findings, notices };
}

/** The importer's errors at head that base does not have; none when it is not checked alike on both sides or its check fails. */
function newErrorsIn(path: string, head: Workspace, base: Workspace): Diagnostic[] {
  try {
    if (!head.typeChecked(path) || !base.typeChecked(path) || head.getText(path) !== base.getText(path)) return [];
    const after = head.diagnose(path, "typescript");
    if (after.length === 0) return [];
    const before = base.diagnose(path, "typescript");
    const sameLine = new Set(before.map((d) => `${d.code}\u0000${d.line}`));
    return diagnosticsNewAcross({ before, after, map: IDENTITY_LINE_MAP }).filter((d) => !sameLine.has(`${d.code}\u0000${d.line}`));
  } catch {
    // An importer that cannot be checked says nothing: it is not part of the change.
    return [];
  }
}

function toFinding(d: Diagnostic, changed: string): Finding {
  return {
    path: d.path,
    startLine: d.line,
    line: d.line,
    severity: "error",
    rule: `ts/${d.code}`,
    message: `Line ${d.line} was not changed (nor its file), but this change to ${changed} causes: ${d.message}`,
  };
}
