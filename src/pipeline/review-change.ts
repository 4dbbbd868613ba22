import { maskModelInput } from "../security/mask-model-input.js";
import { assembleReview } from "../review/steps/assemble-review.js";
import { buildWorkspaces } from "../review/steps/build-workspaces.js";
import { checkImporters } from "../review/steps/check-importers.js";
import { chooseFiles } from "../review/steps/choose-files.js";
import { chooseQuietRules } from "../review/steps/choose-quiet-rules.js";
import { diagnoseChange } from "../review/steps/diagnose-change.js";
import { findChangeSecrets } from "../review/steps/find-change-secrets.js";
import { loadChangedFiles } from "../review/steps/load-changed-files.js";
import { fixWithModel } from "../review/steps/model-fix-tasks.js";
import { modelFindings } from "../review/steps/model-findings.js";
import { modelLikelyBugs } from "../review/steps/model-likely-bugs.js";
import { offerDeterministicFixes } from "../review/steps/offer-deterministic-fixes.js";
import { prepareEnvironments } from "../review/steps/prepare-environments.js";
import { startReviewRun } from "../review/steps/review-run.js";
import { trackModelWork } from "../review/track-model-work.js";
import { addTestsToReview } from "../testgen/add-tests-to-review.js";
import { missingTestsStep } from "../testgen/missing-tests-step.js";
import type { ReviewChangeParams, ReviewChangeResult } from "./review-types.js";

const NO_EDITS = { proposed: 0, validatedFirstTime: 0, repaired: 0, rejected: 0 };

/**
 * A pull request's review, the same for the GitHub App, the CLI, the Action
 * and scans: the engine's steps (src/review/steps/) with the unit-test step
 * (src/testgen/) plugged in after the model.
 *  1. choose the files to analyse (skip deleted, binary, generated, ignored);
 *  2. load them at base and head;
 *  3. prepare the environment the repository's own tsc sees (tsconfig chain, dependency declarations);
 *  4. build the in-memory workspaces;
 *  5. find the diagnostics the change introduced on its own lines;
 *  6. quiet the rules the unchanged code already breaks;
 *  7. offer deterministic fixes, each validated before it can be a suggestion;
 *     then list the errors the change causes in files it did not touch (callers of a changed signature);
 *  8. find credentials on the added lines of every reviewable file, and mask them for the model;
 *  9. ask the model to fix what no deterministic fix removed, validated with the diagnostic as the target;
 * 10. weigh rewrites of the added lines by the model's likelihood (the likelihood check: cheap, no answer generated),
 *     and ask the model to review the hunks (unless PATCHSMITH_MODEL_FINDINGS turns that off: by default on a CPU alone), its edits validated (repair loop);
 * 11. find the changed exports no test uses, and (with a model) write tests for them;
 * 12. screen the suggestions, choose the comments and render the body; add the tests to them.
 * Each limit (files, bytes, model tokens, comments) that cuts the work short says so in a notice.
 * One read budget (`limits.maxTotalBytes`) covers every file the review reads.
 */
export async function reviewChange(params: ReviewChangeParams): Promise<ReviewChangeResult> {
  const { config } = params;
  const run = startReviewRun(params);

  // 1. Files.
  const analysable = chooseFiles(run, params.diff);
  run.progress("load", 0, analysable.length);

  // 2–4. Base and head, their environments, their workspaces.
  const { workspaces, environment, importers } = await run.time("load", async () => {
    const files = await loadChangedFiles(run, analysable, params.diff.filter((f) => f.status === "removed"));
    const prepared = await prepareEnvironments(run, files, params.environment);
    return { workspaces: buildWorkspaces(run, files, prepared), environment: prepared, importers: files.importers };
  });
  const { head, base } = workspaces;

  try {
    // 5–7. Introduced diagnostics, quiet rules, deterministic fixes.
    const loaded = analysable.filter((f) => head.getText(f.path) !== undefined && !run.skipped.some((s) => s.path === f.path));
    const { readable, checked } = await run.time("analyze", () => {
      const diagnosed = diagnoseChange(run, loaded, workspaces);
      const files = diagnosed.map((analysed) => analysed.file);
      const quiet = chooseQuietRules(run, { diagnosed, files, base, repositoryRules: workspaces.repositoryRules });
      return { readable: files, checked: offerDeterministicFixes(run, { diagnosed, quiet, head }) };
    });
    const callers = importers && importers.importers.length > 0 ? await run.time("importers", () => checkImporters(run, importers, workspaces, environment.head ? { dependencies: environment.head.files } : {})) : [];
    // Before the model adds its own skips (those files were still analysed): what this run derived in full.
    const analysed = params.diff.map((file) => file.path).filter((path) => !run.skipped.some((s) => s.path === path));

    // 8. Secrets.
    const secrets = await run.time("secrets", () => findChangeSecrets(run, params.diff, workspaces));
    const hidden = maskModelInput(secrets.mask);
    let findings = [...checked.findings, ...callers, ...secrets.findings];

    // 9–10. The model.
    let fixStats = NO_EDITS;
    let modelStats = NO_EDITS;
    // The model's calls are counted (stats.model) and its steps reported with tokens per second.
    const work = params.generator ? trackModelWork({ generator: params.generator, ...(params.onProgress ? { onProgress: params.onProgress } : {}) }) : undefined;
    const generator = work?.generator;
    if (work && generator && config.checks.model) {
      const input = { generator, work, head, hidden, ...(params.pr ? { pr: params.pr } : {}) };
      const fixed = await fixWithModel(run, { ...input, unfixed: checked.unfixed, findings });
      fixStats = fixed.stats;
      findings = [...fixed.findings];
      findings.push(...(await modelLikelyBugs(run, { ...input, files: readable })));
      if (generator.ownFindingsOff === undefined) {
        const model = await modelFindings(run, { ...input, files: readable, introduced: checked.introduced, tokenBudget: params.modelTokenBudget ?? config.limits.maxModelTokens });
        modelStats = model.stats;
        findings.push(...model.findings);
      } else if (readable.length > 0) {
        run.notices.push({ message: generator.ownFindingsOff });
      }
    }

    // 11. Unit tests.
    const headText = (path: string): string | undefined => head.getText(path);
    const tests = await missingTestsStep(run, {
      head: params.head,
      files: readable,
      headText,
      ...(work ? { generator: work.generator, work } : {}),
      ...(params.testRunner ? { runner: params.testRunner } : {}),
      mask: secrets.mask,
      ...(environment.head ? { dependencies: environment.head.files } : {}),
      diagnostics: checked.introduced,
    });

    // 12. The review.
    run.progress("render", 0, 1);
    const modelName = generator && config.checks.model ? generator.describe() : undefined;
    const repo = params.repo ? { repo: params.repo } : {};
    const review = await assembleReview(run, {
      findings,
      diff: params.diff,
      files: [...readable, ...secrets.extraFiles],
      filesAnalysed: readable.length,
      headText: (path) => head.getText(path) ?? secrets.hunkText(path),
      mask: secrets.mask,
      checked: { proposed: checked.proposed + secrets.proposed, validated: checked.validated + secrets.validated, rejected: checked.rejected + secrets.rejected },
      model: modelStats,
      fixes: fixStats,
      ...(environment.stats ? { environment: environment.stats } : {}),
      ...(work?.stats() ? { modelCalls: work.stats() } : {}),
      ...(modelName === undefined ? {} : { modelName }),
      ...repo,
    });
    const posted = addTestsToReview(review, tests, { files: readable, headText, ...repo });
    return {
      ...review,
      ...posted,
      notices: run.notices,
      skipped: run.skipped,
      analysed,
      ...(modelName === undefined ? {} : { model: modelName }),
      ...(tests ? { tests } : {}),
    };
  } finally {
    head.dispose();
    base.dispose();
  }
}
