import { modelLimitNotices } from "../../security/model-limit-notices.js";
import type { Diagnostic, FileDiff, Finding } from "../../types.js";
import { diagnosticsRemovedBy } from "../../validate/diagnostics-removed-by.js";
import { validateModelEdit } from "../../validate/validate-model-edit.js";
import { describeFix } from "../describe-fix.js";
import { collectModelFindings, type ModelEditStats } from "../model-findings.js";
import type { ModelStepInput } from "./model-step-input.js";
import type { ReviewRun } from "./review-run.js";

/**
 * The model reviews the hunks (secrets masked) within the token budget; each
 * edit it proposes is validated through the repair loop. Files it could not
 * review are skipped with the reason, and each limit that cut it short says so.
 */
export async function modelFindings(
  run: ReviewRun,
  params: ModelStepInput & {
    readonly files: readonly FileDiff[];
    readonly introduced: readonly Diagnostic[];
    readonly tokenBudget: number;
  },
): Promise<{ readonly findings: readonly Finding[]; readonly stats: ModelEditStats }> {
  const { head, hidden, introduced } = params;
  params.work.step({ stage: "model", done: 0, total: params.files.length });
  const model = await run.time("model", () =>
    collectModelFindings({
      onFile: (step) => {
        params.work.step({ stage: "model", ...step });
      },
      generator: params.generator,
      diff: hidden.diff(params.files),
      headText: (path) => hidden.text(head.getText(path)),
      diagnostics: hidden.diagnostics(introduced),
      ...(params.pr ? { pr: hidden.pr(params.pr) } : {}),
      validate: (fix) => hidden.verdict(validateModelEdit(head, fix, introduced)),
      describeEdit: (fix) => describeFix(diagnosticsRemovedBy(head, fix)),
      judgeMissingValue: (path, startLine, endLine, claim) => head.judgeMissingValue(path, startLine, endLine, claim),
      config: run.config,
      ...(run.signal ? { signal: run.signal } : {}),
      tokenBudget: params.tokenBudget,
    }),
  );
  run.notices.push(...model.notices);
  run.skipped.push(...model.skipped);
  run.notices.push(...modelLimitNotices({ skipped: model.skipped, notices: model.notices, tokenBudget: params.tokenBudget }));
  return { findings: model.findings, stats: model.stats };
}
