import { planFixTasks } from "../../llm/findings/plan-fix-tasks.js";
import type { Finding } from "../../types.js";
import { diagnosticsRemovedBy } from "../../validate/diagnostics-removed-by.js";
import { validateModelEdit } from "../../validate/validate-model-edit.js";
import { fixDiagnosticsWithModel, type ModelFixStats } from "../fix-diagnostics-with-model.js";
import { dropFixedConsequences } from "../drop-fixed-consequences.js";
import { typesForFix } from "../types-for-fix.js";
import { diagnosticFinding } from "./diagnostic-finding.js";
import type { UnfixedDiagnostic } from "./offer-deterministic-fixes.js";
import type { ModelStepInput } from "./model-step-input.js";
import type { ReviewRun } from "./review-run.js";

export interface ModelFixes {
  /** `findings` with each diagnostic a validated model fix removes now carrying that fix. */
  readonly findings: Finding[];
  readonly stats: ModelFixStats;
}

/**
 * The model's first job: fixes for what the checkers found and no
 * deterministic fix removed, each validated with its diagnostic as the
 * target (secrets masked in everything the model is shown).
 */
export async function fixWithModel(
  run: ReviewRun,
  params: ModelStepInput & {
    readonly unfixed: readonly UnfixedDiagnostic[];
    readonly findings: readonly Finding[];
  },
): Promise<ModelFixes> {
  const { head, hidden, unfixed } = params;
  const findings = [...params.findings];
  // What a validated deterministic fix removes too (a consequence of the error it fixes) is no task for the model.
  const tasks = planFixTasks(dropFixedConsequences({ workspace: head, unfixed, fixes: findings.flatMap((f) => (f.suggestion ? [f.suggestion] : [])) }));
  if (tasks.length === 0) return { findings, stats: { proposed: 0, validatedFirstTime: 0, repaired: 0, rejected: 0 } };
  const modelFixes = await run.time("model", () =>
    fixDiagnosticsWithModel({
      onTask: (step) => {
        params.work.step({ stage: "fixes", unit: "tasks", ...step });
      },
      generator: params.generator,
      tasks,
      fileText: (path) => hidden.text(head.getText(path)),
      validate: (fix, task) => hidden.verdict(validateModelEdit(head, { ...fix, ...(task.diagnostics[0] ? { target: task.diagnostics[0] } : {}) }, task.diagnostics)),
      removedBy: (fix) => diagnosticsRemovedBy(head, fix),
      typesFor: (task) => {
        const fileText = head.getText(task.file.path);
        if (fileText === undefined) return "";
        const known = new Set(head.paths());
        return hidden.text(typesForFix({ path: task.file.path, fileText, startLine: task.startLine, endLine: task.endLine, diagnostics: task.diagnostics, readText: (path) => head.getText(path), knownPaths: known })) ?? "";
      },
      maxAttempts: run.config.model.maxAttempts,
      temperature: run.config.model.temperature,
      ...(params.pr ? { pr: hidden.pr(params.pr) } : {}),
      ...(run.signal ? { signal: run.signal } : {}),
    }),
  );
  for (const { fix, removes } of modelFixes.fixes) {
    for (const entry of unfixed) {
      if (removes.includes(entry.diagnostic)) findings[entry.index] = diagnosticFinding(entry.diagnostic, fix);
    }
  }
  run.notices.push(...modelFixes.notices);
  return { findings, stats: modelFixes.stats };
}
