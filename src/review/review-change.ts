import { deterministicFixes } from "../analyze/deterministic-fixes.js";
import { findIntroducedDiagnostics } from "../analyze/find-introduced-diagnostics.js";
import { classifyPath, isScriptPath } from "../diff/classify-path.js";
import { addedLines, findHunkForRange } from "../diff/commentable-lines.js";
import type { Diagnostic, FileDiff, Finding, Fix, Notice } from "../types.js";
import { validateEdit } from "../validate/validate-edit.js";
import { createWorkspace, type Workspace } from "../workspace/create-workspace.js";
import { loadFiles } from "../workspace/load-files.js";
import { readCompilerOptions } from "../workspace/read-compiler-options.js";
import { createSafeLinter } from "../workspace/safe-linter.js";
import { collectModelFindings } from "./model-findings.js";
import { mergeSameSuggestions } from "./merge-same-suggestions.js";
import { renderReviewBody } from "./render-summary.js";
import type { ReviewChangeParams, ReviewChangeResult, SkippedFile } from "./review-types.js";
import { selectComments } from "./select-comments.js";

/**
 * The review engine, the same for the GitHub App, the CLI and the Action:
 *  1. choose the files to analyse (skip deleted, binary, generated, ignored);
 *  2. load them at base and head into in-memory workspaces;
 *  3. find the diagnostics the change introduced on its own lines;
 *  4. offer deterministic fixes, each validated before it can be a suggestion;
 *  5. ask the model, when there is one, and validate its edits (repair loop);
 *  6. render the comments and the review body.
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

  // 1. Choose the files.
  const analysable: FileDiff[] = [];
  for (const file of params.diff) {
    const reason = skipReason(file, config);
    if (reason === undefined) analysable.push(file);
    else if (reason !== "") skipped.push({ path: file.path, reason });
  }
  params.onProgress?.({ stage: "load", done: 0, total: analysable.length });

  // 2. Load base and head.
  const { head, base } = await time("load", async () => {
    const headSeeds = analysable.map((f) => f.path);
    const baseSeeds = analysable.filter((f) => f.status !== "added").map((f) => f.oldPath ?? f.path);
    const [headFiles, baseFiles] = await Promise.all([
      loadFiles({ source: params.head, seeds: headSeeds }),
      loadFiles({ source: params.base, seeds: baseSeeds }),
    ]);
    skipped.push(...headFiles.skipped);
    notices.push(...headFiles.notices);
    const checks = { eslint: config.checks.eslint, typescript: config.checks.typescript };
    const linter = createSafeLinter(config.rules);
    const build = (loaded: typeof headFiles, label: string): Workspace => {
      const compiler = readCompilerOptions({
        configPath: "tsconfig.json",
        readFile: (path) => loaded.files.get(path),
        fileExists: (path) => loaded.files.has(path),
      });
      if (label === "head") notices.push(...compiler.notices);
      return createWorkspace({ files: loaded.files, compilerOptions: compiler.options, knownPaths: loaded.knownPaths, linter, checks });
    };
    return { head: build(headFiles, "head"), base: build(baseFiles, "base") };
  });

  try {
    const readable = analysable.filter((f) => head.getText(f.path) !== undefined && !skipped.some((s) => s.path === f.path));
    const findings: Finding[] = [];
    const introduced: Diagnostic[] = [];
    let proposed = 0;
    let validated = 0;
    let rejected = 0;

    // 3 + 4. Diagnostics introduced by the change, and deterministic fixes for them.
    await time("analyze", () => {
      readable.forEach((file, index) => {
        params.signal?.throwIfAborted();
        try {
          const headText = head.getText(file.path) ?? "";
          const basePath = file.oldPath ?? file.path;
          const fresh = findIntroducedDiagnostics({
            baseText: file.status === "added" ? undefined : base.getText(basePath),
            baseDiagnostics: file.status === "added" ? [] : base.diagnose(basePath),
            headText,
            headDiagnostics: head.diagnose(file.path),
            addedLines: addedLines(file),
          });
          introduced.push(...fresh);
          for (const diagnostic of fresh) {
            const outcome = fixFor(head, file, diagnostic);
            proposed += outcome.proposed;
            rejected += outcome.rejected;
            if (outcome.fix) validated++;
            findings.push(toFinding(diagnostic, outcome.fix));
          }
        } catch (error) {
          if (params.signal?.aborted === true) throw error;
          notices.push({ path: file.path, message: `${file.path} could not be analysed (${(error as Error).message}); the rest of the review went on.` });
        }
        params.onProgress?.({ stage: "analyze", done: index + 1, total: readable.length });
      });
    });

    // 5. The model.
    let modelStats = { proposed: 0, validatedFirstTime: 0, repaired: 0, rejected: 0 };
    const generator = params.generator;
    if (generator && config.checks.model) {
      params.onProgress?.({ stage: "model", done: 0, total: readable.length });
      const model = await time("model", () =>
        collectModelFindings({
          generator,
          diff: readable,
          headText: (path) => head.getText(path),
          diagnostics: introduced,
          ...(params.pr ? { pr: params.pr } : {}),
          validate: (fix) => validateEdit(head, fix),
          config,
          ...(params.signal ? { signal: params.signal } : {}),
        }),
      );
      findings.push(...model.findings);
      notices.push(...model.notices);
      skipped.push(...model.skipped);
      modelStats = model.stats;
    }

    // 6. Render.
    params.onProgress?.({ stage: "render", done: 0, total: 1 });
    const sorted = mergeSameSuggestions(findings).sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
    const { comments, overflow } = await time("render", () =>
      selectComments({
        findings: sorted,
        files: readable,
        headText: (path) => head.getText(path),
        config,
        ...(params.repo ? { repo: params.repo } : {}),
      }),
    );
    const stats = {
      filesAnalysed: readable.length,
      filesSkipped: skipped.length,
      suggestionsProposed: proposed + modelStats.proposed,
      suggestionsValidated: validated + modelStats.validatedFirstTime + modelStats.repaired,
      suggestionsRejected: rejected + modelStats.rejected,
      suggestionsRepaired: modelStats.repaired,
      validatedFirstTime: validated + modelStats.validatedFirstTime,
      timings,
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
    return { findings: sorted, comments, overflow, body, notices, skipped, stats, ...(modelName === undefined ? {} : { model: modelName }) };
  } finally {
    head.dispose();
    base.dispose();
  }
}

/** Why a file is not analysed; "" for files that are simply not code (not worth listing). */
function skipReason(file: FileDiff, config: ReviewChangeParams["config"]): string | undefined {
  if (file.status === "removed") return "";
  if (file.status === "binary") return "binary file";
  const classified = classifyPath(file.path, config);
  if (!classified.review) return classified.reason;
  if (!isScriptPath(file.path)) return "";
  if (file.noPatch) return "no diff available for this file (too large for GitHub to show); review it locally";
  return undefined;
}

interface FixOutcome {
  readonly fix?: Fix;
  readonly proposed: number;
  readonly rejected: number;
}

/** The first deterministic fix that stays inside one hunk and validates. */
function fixFor(workspace: Workspace, file: FileDiff, diagnostic: Diagnostic): FixOutcome {
  let proposed = 0;
  let rejected = 0;
  for (const fix of deterministicFixes(workspace, diagnostic)) {
    // A suggestion can only replace lines inside one hunk of the diff.
    if (!findHunkForRange(file, fix.edit.startLine, fix.edit.endLine)) continue;
    proposed++;
    if (validateEdit(workspace, fix).ok) return { fix, proposed, rejected };
    rejected++;
  }
  return { proposed, rejected };
}

function toFinding(diagnostic: Diagnostic, fix: Fix | undefined): Finding {
  const rule = diagnostic.source === "typescript" ? `ts/${diagnostic.code}` : `eslint/${diagnostic.code}`;
  // A suggestion is anchored on the lines it replaces; say where the problem is when that is elsewhere.
  const elsewhere = fix !== undefined && (diagnostic.line < fix.edit.startLine || diagnostic.line > fix.edit.endLine);
  return {
    path: diagnostic.path,
    startLine: diagnostic.line,
    line: diagnostic.line,
    severity: diagnostic.severity,
    rule,
    message: elsewhere ? `Line ${diagnostic.line}: ${diagnostic.message}` : diagnostic.message,
    ...(fix ? { suggestion: fix, startLine: fix.edit.startLine, line: fix.edit.endLine } : {}),
  };
}
