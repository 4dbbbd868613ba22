import { deterministicFixes } from "../../analyze/deterministic-fixes.js";
import { findHunkForRange } from "../../diff/commentable-lines.js";
import type { Diagnostic, FileDiff, Finding, Fix } from "../../types.js";
import { validateEdit } from "../../validate/validate-edit.js";
import type { Workspace } from "../../workspace/create-workspace.js";
import { diagnosticFinding } from "./diagnostic-finding.js";
import type { DiagnosedFile } from "./diagnose-change.js";
import type { ReviewRun } from "./review-run.js";

/** An introduced diagnostic on the change's own lines that no deterministic fix removed: a fix task for the model. */
export interface UnfixedDiagnostic {
  readonly diagnostic: Diagnostic;
  readonly file: FileDiff;
  /** Its finding's place in `findings`. */
  readonly index: number;
}

/** Suggestions proposed, validated and rejected by a step that validates edits. */
export interface EditCounts {
  readonly proposed: number;
  readonly validated: number;
  readonly rejected: number;
}

export interface DeterministicFindings extends EditCounts {
  /** One finding per introduced diagnostic (quiet rules left out), with its validated fix when there is one. */
  readonly findings: Finding[];
  /** The introduced diagnostics, quiet rules left out. */
  readonly introduced: readonly Diagnostic[];
  readonly unfixed: readonly UnfixedDiagnostic[];
}

/**
 * The introduced diagnostics as findings, each with the first deterministic
 * fix (ESLint's own, TypeScript's code fixes) that stays inside one hunk and
 * validates. A fix that throws leaves its finding without a suggestion.
 */
export function offerDeterministicFixes(run: ReviewRun, params: { readonly diagnosed: readonly DiagnosedFile[]; readonly quiet: ReadonlyMap<string, number>; readonly head: Workspace }): DeterministicFindings {
  const { quiet, head } = params;
  const findings: Finding[] = [];
  const introduced: Diagnostic[] = [];
  const unfixed: UnfixedDiagnostic[] = [];
  let proposed = 0;
  let validated = 0;
  let rejected = 0;
  for (const { file, added, fresh } of params.diagnosed) {
    for (const diagnostic of fresh) {
      if (diagnostic.source === "eslint" && quiet.has(diagnostic.code)) continue;
      introduced.push(diagnostic);
      try {
        const outcome = fixFor(head, file, diagnostic, fresh.filter((d) => d.source === "eslint" && !quiet.has(d.code)));
        proposed += outcome.proposed;
        rejected += outcome.rejected;
        if (outcome.fix) validated++;
        else if (added.has(diagnostic.line) && diagnostic.severity !== "info") unfixed.push({ diagnostic, file, index: findings.length });
        findings.push(diagnosticFinding(diagnostic, outcome.fix, !added.has(diagnostic.line)));
      } catch (error) {
        if (run.signal?.aborted === true) throw error;
        findings.push(diagnosticFinding(diagnostic, undefined, !added.has(diagnostic.line)));
      }
    }
  }
  return { findings, introduced, unfixed, proposed, validated, rejected };
}

interface FixOutcome {
  readonly fix?: Fix;
  readonly proposed: number;
  readonly rejected: number;
}

/** The first deterministic fix that stays inside one hunk and validates. */
function fixFor(workspace: Workspace, file: FileDiff, diagnostic: Diagnostic, alongside: readonly Diagnostic[]): FixOutcome {
  let proposed = 0;
  let rejected = 0;
  for (const fix of deterministicFixes(workspace, diagnostic, alongside)) {
    // A suggestion can only replace lines inside one hunk of the diff.
    if (!findHunkForRange(file, fix.edit.startLine, fix.edit.endLine)) continue;
    proposed++;
    if (validateEdit(workspace, fix).ok) return { fix, proposed, rejected };
    rejected++;
  }
  return { proposed, rejected };
}
