import { deterministicFixes } from "../analyze/deterministic-fixes.js";
import { findIntroducedDiagnostics } from "../analyze/find-introduced-diagnostics.js";
import { findQuietRules } from "../analyze/find-quiet-rules.js";
import { readEslintrcRules } from "../config/read-eslintrc-rules.js";
import { readUnpatchedFiles } from "../analyze/secrets/read-unpatched-files.js";
import { scanChangeForSecrets } from "../analyze/secrets/scan-change-for-secrets.js";
import { classifyPath, isScriptPath } from "../diff/classify-path.js";
import { addedLines, findHunkForRange } from "../diff/commentable-lines.js";
import { createReadBudget, limitFileSource } from "../security/limit-file-source.js";
import { maskModelInput } from "../security/mask-model-input.js";
import { modelLimitNotices } from "../security/model-limit-notices.js";
import { screenFindings } from "../security/screen-findings.js";
import type { Diagnostic, FileDiff, Finding, Fix, Notice, ReviewStats } from "../types.js";
import { validateEdit } from "../validate/validate-edit.js";
import { diagnosticsRemovedBy } from "../validate/diagnostics-removed-by.js";
import { validateModelEdit } from "../validate/validate-model-edit.js";
import { planFixTasks } from "../llm/findings/plan-fix-tasks.js";
import { describeFix } from "./describe-fix.js";
import { dropFixedConsequences } from "./drop-fixed-consequences.js";
import { fixDiagnosticsWithModel } from "./fix-diagnostics-with-model.js";
import { environmentRequest, prepareEnvironment } from "../environment/prepare-environment.js";
import { buildWorkspace } from "../workspace/build-workspace.js";
import type { Workspace } from "../workspace/create-workspace.js";
import { loadFiles } from "../workspace/load-files.js";
import { createSafeLinter } from "../workspace/safe-linter.js";
import { addTestsSection } from "../testgen/add-tests-section.js";
import { renderTestComments } from "../testgen/render-test-comments.js";
import { renderTestsSection } from "../testgen/render-tests-section.js";
import { reviewMissingTests } from "../testgen/review-missing-tests.js";
import type { TestsReport } from "../testgen/tests-report.js";
import { collectModelFindings } from "./model-findings.js";
import { mergeSameSuggestions } from "./merge-same-suggestions.js";
import { renderReviewBody } from "./render-summary.js";
import type { ReviewChangeParams, ReviewChangeResult, SkippedFile } from "./review-types.js";
import { selectComments } from "./select-comments.js";
import { trackModelWork } from "./track-model-work.js";

/**
 * The review engine, the same for the GitHub App, the CLI and the Action:
 *  1. choose the files to analyse (skip deleted, binary, generated, ignored);
 *  2. load them at base and head into in-memory workspaces;
 *  3. find the diagnostics the change introduced on its own lines;
 *  4. offer deterministic fixes, each validated before it can be a suggestion;
 *     then find credentials on the added lines of every reviewable file (for a
 *     file GitHub shows no diff for, the lines of its head version not in its base);
 *  5. ask the model, when there is one, with secrets masked: first to fix the introduced diagnostics
 *     no deterministic fix removed, then to review the hunks; validate its edits (repair loop);
 *  6. screen the suggestions (no secrets, no marker openers, no new network or
 *     environment access from the model), render the comments and the review body.
 * Each limit (files, bytes, model tokens, comments) that cuts the work short says so in a notice.
 * One read budget (`limits.maxTotalBytes`) covers every file the review reads.
 */
export async function reviewChange(params: ReviewChangeParams): Promise<ReviewChangeResult> {
  const now = params.now ?? (() => performance.now());
  const timings: Record<string, number> = {};
  const time = async <T>(stage: string, fn: () => Promise<T> | T): Promise<T> => {
    const start = now();
    try {
      return await fn();
    } finally {
      timings[stage] = Math.round((timings[stage] ?? 0) + now() - start);
    }
  };
  const { config } = params;
  const notices: Notice[] = [];
  const skipped: SkippedFile[] = [];
  const budget = createReadBudget(config.limits.maxTotalBytes);
  const source = { head: limitFileSource(params.head, budget), base: limitFileSource(params.base, budget) };
  const budgetNotice = (detail: string): void => {
    if (budget.exhausted && !notices.some((notice) => notice.message.startsWith(BUDGET_HIT))) {
      notices.push({ message: `${BUDGET_HIT} ${config.limits.maxTotalBytes} bytes of file contents (\`limits.maxTotalBytes\` in .github/patchsmith.yml); ${detail}.` });
    }
  };

  // 1. Choose the files.
  const analysable: FileDiff[] = [];
  for (const file of params.diff) {
    const reason = skipReason(file, config);
    if (reason === undefined && analysable.length >= config.limits.maxFiles) skipped.push({ path: file.path, reason: `over the limit of ${config.limits.maxFiles} files per review` });
    else if (reason === undefined) analysable.push(file);
    else if (reason !== "") skipped.push({ path: file.path, reason });
  }
  const overFiles = skipped.filter((s) => s.reason.startsWith("over the limit of")).length;
  if (overFiles > 0) notices.push({ message: `Limit hit: ${overFiles} changed ${overFiles === 1 ? "file was" : "files were"} not analysed, over the limit of ${config.limits.maxFiles} files per review (\`limits.maxFiles\` in .github/patchsmith.yml). Secrets were still looked for in every file.` });
  params.onProgress?.({ stage: "load", done: 0, total: analysable.length });

  // 2. Load base and head.
  let headEnvironmentFiles: ReadonlyMap<string, string> | undefined;
  let environmentStats: ReviewStats["environment"];
  let repositoryRules: ReadonlySet<string> = new Set();
  const { head, base } = await time("load", async () => {
    const headSeeds = analysable.map((f) => f.path);
    const baseSeeds = analysable.filter((f) => f.status !== "added").map((f) => f.oldPath ?? f.path);
    const [headFiles, baseFiles] = await Promise.all([loadFiles({ source: source.head, seeds: headSeeds }), loadFiles({ source: source.base, seeds: baseSeeds })]);
    budgetNotice("files not read are listed as skipped, and type information from unread imports is missing");
    skipped.push(...headFiles.skipped);
    notices.push(...headFiles.notices);
    // The environment the repository's own tsc sees: its tsconfig chain and its dependencies' declarations.
    const signal = params.signal ? { signal: params.signal } : {};
    const provider = params.environment ? { provider: params.environment } : {};
    const headEnvironment = await time("environment", () => prepareEnvironment({ loaded: headFiles, ...provider, ...signal }));
    const sameManifests = sameFiles(environmentRequest(headFiles).manifests, environmentRequest(baseFiles).manifests);
    const baseEnvironment = sameManifests ? headEnvironment : await time("environment", () => prepareEnvironment({ loaded: baseFiles, ...provider, ...signal }));
    notices.push(...headEnvironment.notices, ...(headEnvironment.environment?.notices ?? []));
    headEnvironmentFiles = headEnvironment.environment?.files;
    const acquired = headEnvironment.environment;
    if (acquired) environmentStats = { ...acquired.stats, missing: acquired.missing.length };
    // The repository's legacy ESLint config, where it is data, sets the shipped rules; .github/patchsmith.yml wins.
    const eslintrc = readEslintrcRules({ files: headFiles.files, knownPaths: headFiles.knownPaths });
    notices.push(...eslintrc.notices);
    repositoryRules = new Set([...Object.keys(eslintrc.rules), ...Object.keys(config.rules)]);
    const linter = createSafeLinter({ ...eslintrc.rules, ...config.rules });
    const headBuilt = buildWorkspace({ loaded: headFiles, config, linter, changed: headSeeds, ...(headEnvironment.environment ? { environment: headEnvironment.environment } : {}) });
    notices.push(...headBuilt.notices);
    const baseBuilt = buildWorkspace({ loaded: baseFiles, config, linter, changed: baseSeeds, ...(baseEnvironment.environment ? { environment: baseEnvironment.environment } : {}) });
    return { head: headBuilt.workspace, base: baseBuilt.workspace };
  });

  try {
    let readable = analysable.filter((f) => head.getText(f.path) !== undefined && !skipped.some((s) => s.path === f.path));
    const findings: Finding[] = [];
    const introduced: Diagnostic[] = [];
    // Introduced diagnostics on the change's own lines that no deterministic fix removed: the model's fix tasks.
    const unfixed: { diagnostic: Diagnostic; file: FileDiff; index: number }[] = [];
    let proposed = 0;
    let validated = 0;
    let rejected = 0;

    // 3. Diagnostics introduced by the change.
    const freshByFile: { file: FileDiff; added: ReadonlySet<number>; fresh: Diagnostic[] }[] = [];
    await time("analyze", () => {
      readable.forEach((file, index) => {
        params.signal?.throwIfAborted();
        try {
          const headText = head.getText(file.path) ?? "";
          const basePath = file.oldPath ?? file.path;
          const added = addedLines(file);
          const headDiagnostics = head.diagnose(file.path);
          const fresh = findIntroducedDiagnostics({
            baseText: file.status === "added" ? undefined : base.getText(basePath),
            // Nothing of a checker at head, nothing of it introduced: the base is not checked by it at all then
            // (a change TypeScript finds clean costs one program, not two).
            baseDiagnostics: file.status === "added" ? [] : (["eslint", "typescript"] as const).flatMap((checker) => (headDiagnostics.some((d) => d.source === checker) ? base.diagnose(basePath, checker) : [])),
            headText,
            headDiagnostics,
            addedLines: added,
            hunks: file.hunks,
            typeCheckedAtBase: file.status !== "added" && config.checks.typescript && base.typeChecked(basePath) && head.typeChecked(file.path),
          });
          freshByFile.push({ file, added, fresh });
        } catch (error) {
          if (params.signal?.aborted === true) throw error;
          // The file fails alone: out of both workspaces, so no later stage (nor another file's type check) meets it again.
          skipped.push({ path: file.path, reason: `its analysis failed (${describeFailure(error)}); the rest of the review went on` });
          head.remove(file.path);
          base.remove(file.oldPath ?? file.path);
        }
        params.onProgress?.({ stage: "analyze", done: index + 1, total: readable.length });
      });
      readable = readable.filter((file) => freshByFile.some((analysed) => analysed.file === file));

      // 3b. Rules the repository does not follow (they already stand several times in the unchanged code under review) stay quiet.
      const quiet = freshByFile.some(({ fresh }) => fresh.some((d) => d.source === "eslint"))
        ? findQuietRules({
            baseDiagnostics: readable.filter((f) => f.status !== "added").flatMap((f) => diagnoseOrNothing(() => base.diagnose(f.oldPath ?? f.path, "eslint"))),
            configured: repositoryRules,
          })
        : new Map<string, number>();
      if (quiet.size > 0) {
        const named = [...quiet].map(([rule, count]) => `\`${rule}\` (${count} times)`).join(", ");
        notices.push({ message: `Quiet for this pull request: ${named} already stand in the unchanged code of these files, so the repository does not follow ${quiet.size === 1 ? "that rule" : "those rules"}; set ${quiet.size === 1 ? "it" : "them"} in \`rules\` of .github/patchsmith.yml to be held to ${quiet.size === 1 ? "it" : "them"}.` });
      }

      // 4. Deterministic fixes for what is left.
      for (const { file, added, fresh } of freshByFile) {
        for (const diagnostic of fresh) {
          if (diagnostic.source === "eslint" && quiet.has(diagnostic.code)) continue;
          introduced.push(diagnostic);
          try {
            const outcome = fixFor(head, file, diagnostic, fresh.filter((d) => d.source === "eslint" && !quiet.has(d.code)));
            proposed += outcome.proposed;
            rejected += outcome.rejected;
            if (outcome.fix) validated++;
            else if (added.has(diagnostic.line) && diagnostic.severity !== "info") unfixed.push({ diagnostic, file, index: findings.length });
            findings.push(toFinding(diagnostic, outcome.fix, !added.has(diagnostic.line)));
          } catch (error) {
            if (params.signal?.aborted === true) throw error;
            findings.push(toFinding(diagnostic, undefined, !added.has(diagnostic.line)));
          }
        }
      }
    });

    // Before the model adds its own skips (those files were still analysed): what this run derived in full.
    const analysed = params.diff.map((file) => file.path).filter((path) => !skipped.some((s) => s.path === path));

    // 4b. Secrets on the added lines of every reviewable file, and a mask for everything found.
    // GitHub gives no patch for a very large diff: such files are read whole and their new lines recovered.
    const secrets = await time("secrets", async () => {
      const unpatched = await readUnpatchedFiles({
        diff: params.diff,
        config,
        head: source.head,
        base: source.base,
        loadedHead: (path) => head.getText(path),
        loadedBase: (path) => base.getText(path),
        ...(params.signal ? { signal: params.signal } : {}),
      });
      notices.push(...unpatched.notices);
      budgetNotice("secrets were not looked for in the files named in these notices");
      return scanChangeForSecrets({ diff: params.diff, config, headText: (path) => head.getText(path), validate: (fix) => validateEdit(head, fix), declaresProcess: (path) => head.declaresGlobal(path, "process"), recovered: unpatched.recovered });
    });
    findings.push(...secrets.findings);
    proposed += secrets.proposed;
    validated += secrets.validated;
    rejected += secrets.rejected;
    const hidden = maskModelInput(secrets.mask);

    // 5. The model.
    let modelStats = { proposed: 0, validatedFirstTime: 0, repaired: 0, rejected: 0 };
    let fixStats = { proposed: 0, validatedFirstTime: 0, repaired: 0, rejected: 0 };
    const work = params.generator ? trackModelWork({ generator: params.generator, ...(params.onProgress ? { onProgress: params.onProgress } : {}) }) : undefined;
    const generator = work?.generator;
    if (work && generator && config.checks.model) {
      // 5a. Fixes for what the checkers found: the model's first job, each fix validated with its diagnostic as the target.
      // What a validated deterministic fix removes too (a consequence of the error it fixes) is no task for the model.
      const tasks = planFixTasks(dropFixedConsequences({ workspace: head, unfixed, fixes: findings.flatMap((f) => (f.suggestion ? [f.suggestion] : [])) }));
      if (tasks.length > 0) {
        const modelFixes = await time("model", () =>
          fixDiagnosticsWithModel({
            onTask: (step) => {
              work.step({ stage: "fixes", unit: "tasks", ...step });
            },
            generator,
            tasks,
            fileText: (path) => hidden.text(head.getText(path)),
            validate: (fix, task) => hidden.verdict(validateModelEdit(head, { ...fix, ...(task.diagnostics[0] ? { target: task.diagnostics[0] } : {}) }, task.diagnostics)),
            removedBy: (fix) => diagnosticsRemovedBy(head, fix),
            maxAttempts: config.model.maxAttempts,
            temperature: config.model.temperature,
            ...(params.pr ? { pr: hidden.pr(params.pr) } : {}),
            ...(params.signal ? { signal: params.signal } : {}),
          }),
        );
        for (const { fix, removes } of modelFixes.fixes) {
          for (const entry of unfixed) {
            if (removes.includes(entry.diagnostic)) findings[entry.index] = toFinding(entry.diagnostic, fix);
          }
        }
        notices.push(...modelFixes.notices);
        fixStats = modelFixes.stats;
      }
      work.step({ stage: "model", done: 0, total: readable.length });
      const model = await time("model", () =>
        collectModelFindings({
          onFile: (step) => {
            work.step({ stage: "model", ...step });
          },
          generator,
          diff: hidden.diff(readable),
          headText: (path) => hidden.text(head.getText(path)),
          diagnostics: hidden.diagnostics(introduced),
          ...(params.pr ? { pr: hidden.pr(params.pr) } : {}),
          validate: (fix) => hidden.verdict(validateModelEdit(head, fix, introduced)),
          describeEdit: (fix) => describeFix(diagnosticsRemovedBy(head, fix)),
          config,
          ...(params.signal ? { signal: params.signal } : {}),
          tokenBudget: params.modelTokenBudget ?? config.limits.maxModelTokens,
        }),
      );
      findings.push(...model.findings);
      notices.push(...model.notices);
      skipped.push(...model.skipped);
      notices.push(...modelLimitNotices({ skipped: model.skipped, notices: model.notices, tokenBudget: params.modelTokenBudget ?? config.limits.maxModelTokens }));
      modelStats = model.stats;
    }

    // 5b. Unit tests: the changed exports no test uses, and (with a model) tests for them, validated.
    if (config.checks.tests && work) work.step({ stage: "tests", done: 0, total: readable.length });
    const tests = config.checks.tests
      ? await time("tests", () =>
          guardTestsStep(() => reviewMissingTests({
            head: params.head,
            diff: readable,
            headText: (path) => head.getText(path),
            config,
            ...(generator ? { generator } : {}),
            ...(work ? { onModule: (step: { done: number; total: number; path: string }) => { work.step({ stage: "tests", ...step }); } } : {}),
            ...(params.testRunner ? { runner: params.testRunner } : {}),
            mask: secrets.mask,
            ...(headEnvironmentFiles ? { dependencies: headEnvironmentFiles } : {}),
            ...(params.signal ? { signal: params.signal } : {}),
          }), notices, params.signal),
        )
      : undefined;
    if (tests) notices.push(...tests.notices);

    // 6. Render.
    params.onProgress?.({ stage: "render", done: 0, total: 1 });
    const headOrHunks = (path: string): string | undefined => head.getText(path) ?? secrets.hunkText(path);
    const changed = new Map(params.diff.map((file) => [file.path, file]));
    const addedOf = (path: string): ReadonlySet<number> => {
      const file = changed.get(path);
      return file ? addedLines(file) : new Set<number>();
    };
    const screened = screenFindings({ findings, headText: headOrHunks, mask: secrets.mask, addedLines: addedOf });
    if (screened.withheld > 0) notices.push({ message: `${screened.withheld} suggested ${screened.withheld === 1 ? "edit was" : "edits were"} withheld for safety (the comment says why); the findings are posted as plain text.` });
    const sorted = mergeSameSuggestions(screened.findings).sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
    const { comments, overflow } = await time("render", () =>
      selectComments({
        findings: sorted,
        files: [...readable, ...secrets.extraFiles],
        headText: headOrHunks,
        config,
        ...(params.repo ? { repo: params.repo } : {}),
      }),
    );
    if (comments.length >= config.maxComments && overflow.length > 0) notices.push({ message: `Limit hit: at most ${config.maxComments} inline comments per review (\`maxComments\` in .github/patchsmith.yml); the other findings are listed below.` });
    const modelCalls = work?.stats();
    const stats = {
      filesAnalysed: readable.length,
      filesSkipped: skipped.length,
      suggestionsProposed: proposed + modelStats.proposed + fixStats.proposed,
      suggestionsValidated: validated + modelStats.validatedFirstTime + modelStats.repaired + fixStats.validatedFirstTime + fixStats.repaired,
      suggestionsRejected: rejected + modelStats.rejected + fixStats.rejected,
      suggestionsRepaired: modelStats.repaired + fixStats.repaired,
      validatedFirstTime: validated + modelStats.validatedFirstTime + fixStats.validatedFirstTime,
      timings,
      ...(environmentStats ? { environment: environmentStats } : {}),
      ...(modelCalls ? { model: modelCalls } : {}),
    };
    const modelName = generator && config.checks.model ? generator.describe() : undefined;
    const body = renderReviewBody({
      findings: sorted,
      comments,
      overflow,
      skipped,
      notices,
      stats,
      ...(modelName === undefined ? {} : { model: modelName }),
      ...(params.repo ? { repo: params.repo } : {}),
    });
    const testComments = tests ? renderTestComments({ suggestions: tests.suggestions, files: readable, headText: (path) => head.getText(path), ...(params.repo ? { repo: params.repo } : {}) }) : [];
    const fullBody = tests ? addTestsSection(body, renderTestsSection(tests, params.repo ? { repo: params.repo } : {})) : body;
    return { findings: sorted, comments: [...comments, ...testComments], overflow, body: fullBody, notices, skipped, analysed, stats, ...(modelName === undefined ? {} : { model: modelName }), ...(tests ? { tests } : {}) };
  } finally {
    head.dispose();
    base.dispose();
  }
}

const BUDGET_HIT = "Limit hit: the review read its limit of";

/** A base file's diagnostics for the quiet-rules count; one that cannot be checked counts nothing. */
function diagnoseOrNothing(diagnose: () => Diagnostic[]): Diagnostic[] {
  try {
    return diagnose();
  } catch {
    return [];
  }
}

/** An error in words for the review body: its message only (a stack overflow is named for what it is). */
function describeFailure(error: unknown): string {
  if (error instanceof RangeError && /call stack/i.test(error.message)) return "the code is nested too deeply to parse: stack overflow";
  return error instanceof Error ? error.message : String(error);
}

/** The unit-test step is extra: when it fails, the review goes on without it and says so. */
async function guardTestsStep(step: () => Promise<TestsReport>, notices: Notice[], signal: AbortSignal | undefined): Promise<TestsReport | undefined> {
  try {
    return await step();
  } catch (error) {
    if (signal?.aborted === true) throw error;
    notices.push({ message: `The unit-test step failed (${describeFailure(error)}); the rest of the review went on.` });
    return undefined;
  }
}

function sameFiles(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  return a.size === b.size && [...a].every(([path, text]) => b.get(path) === text);
}

/** Why a file is not analysed; "" for files that are simply not code (not worth listing). */
function skipReason(file: FileDiff, config: ReviewChangeParams["config"]): string | undefined {
  if (file.status === "removed") return "";
  if (file.status === "binary") return "binary file";
  const classified = classifyPath(file.path, config);
  if (!classified.review) return classified.reason;
  if (!isScriptPath(file.path)) return "";
  if (file.noPatch) return "no diff available for this file (too large for GitHub to show), so ESLint and TypeScript did not check it; secrets were still looked for in its new lines. Review it locally";
  return undefined;
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

function toFinding(diagnostic: Diagnostic, fix: Fix | undefined, untouched = false): Finding {
  const rule = diagnostic.source === "typescript" ? `ts/${diagnostic.code}` : `eslint/${diagnostic.code}`;
  // A suggestion is anchored on the lines it replaces; say where the problem is when that is elsewhere.
  const elsewhere = fix !== undefined && (diagnostic.line < fix.edit.startLine || diagnostic.line > fix.edit.endLine);
  return {
    path: diagnostic.path,
    startLine: diagnostic.line,
    line: diagnostic.line,
    severity: diagnostic.severity,
    rule,
    message: untouched
      ? `Line ${diagnostic.line} was not changed, but this change causes: ${diagnostic.message}`
      : elsewhere
        ? `Line ${diagnostic.line}: ${diagnostic.message}`
        : diagnostic.message,
    ...(fix ? { suggestion: fix, startLine: fix.edit.startLine, line: fix.edit.endLine } : {}),
  };
}
