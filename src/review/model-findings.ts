import type { RepoConfig } from "../config/repo-config.js";
import { LlmHttpError } from "../llm/errors/llm-http-error.js";
import { findingTitle } from "../llm/findings/finding-title.js";
import { mapWithConcurrency } from "../llm/findings/map-with-concurrency.js";
import { planReviewGroups, type ReviewGroup } from "../llm/findings/plan-review-groups.js";
import { rankFile } from "../llm/findings/rank-file.js";
import { settleEdit } from "../llm/findings/settle-edit.js";
import type { Generator, ModelFinding, VerifyClaimRequest } from "../llm/generator.js";
import type { Diagnostic, FileDiff, Finding, Fix, Notice, ValidationVerdict } from "../types.js";
import { claimsCheckerOwned } from "./claims-checker-owned.js";
import { echoesDiagnostic } from "./echoes-diagnostic.js";
import { quoteOnLines } from "./quote-on-lines.js";
import { severityRank } from "./severity-rank.js";

export interface ModelFindingsParams {
  readonly generator: Generator;
  readonly diff: readonly FileDiff[];
  readonly headText: (path: string) => string | undefined;
  /** Diagnostics already found (shown to the model so it does not repeat them). */
  readonly diagnostics: readonly Diagnostic[];
  readonly pr?: { readonly title: string; readonly body: string };
  readonly validate: (fix: Fix) => ValidationVerdict;
  /** What a validated edit does, said from the edit itself (the diagnostics it removes); it titles the suggestion instead of the model's words. */
  readonly describeEdit?: (fix: Fix) => string;
  /** What TypeScript says of a claim that a value on these lines may be null or undefined (Workspace.judgeMissingValue). */
  readonly judgeMissingValue?: (path: string, startLine: number, endLine: number, claim: string) => "refuted" | "open" | undefined;
  readonly config: RepoConfig;
  /** Prompt tokens this review may spend in all. Default 120,000. */
  readonly tokenBudget?: number;
  readonly signal?: AbortSignal;
  /** Told as the model starts on each file: how many files came before, how many in all, and the file's path. */
  readonly onFile?: (step: { readonly done: number; readonly total: number; readonly path: string }) => void;
}

export interface ModelEditStats {
  /** Edits the model proposed (one per finding with an edit). */
  readonly proposed: number;
  /** Accepted by validation on the first attempt. */
  readonly validatedFirstTime: number;
  /** Accepted after the model saw the rejection reasons. */
  readonly repaired: number;
  /** Never accepted (including edits outside the PR's hunks). */
  readonly rejected: number;
}

export interface ModelFindingsResult {
  readonly findings: Finding[];
  readonly notices: Notice[];
  readonly skipped: { path: string; reason: string }[];
  readonly stats: ModelEditStats;
}

export const DEFAULT_MODEL_TOKEN_BUDGET = 120_000;

/** A claim that a value may be missing: the null-access defect kind, or words of it. */
const MISSING_VALUE = /^null or undefined access\b|\b(?:null|undefined|missing)\b/i;

interface Tally {
  proposed: number;
  validatedFirstTime: number;
  repaired: number;
  rejected: number;
}

function lineCount(text: string | undefined): number {
  if (text === undefined) return Number.POSITIVE_INFINITY;
  const lines = text.split(/\r?\n/);
  return lines.at(-1) === "" ? lines.length - 1 : lines.length;
}

/**
 * The model's part of a review:
 *  1. rank the changed files (source, then other code, tests, docs, config) and skip those not worth a model's time;
 *  2. group each file's hunks into prompts that fit the context, and spend the token budget in rank order;
 *  3. ask the model to review each group, several at once when the backend allows;
 *  4. drop findings whose quote is not on their lines, findings that restate a checker's diagnostic,
 *     claims the checkers own, and claims of a missing value whose type the compiler proves present,
 *     and, with `model.verifyFindings`, those the model does not confirm when asked about the claim alone;
 *  5. pass every proposed edit through the repair loop: only validated edits become suggestions,
 *     the rest become plain advice (or are dropped, by config). A finding without a validated edit
 *     is marked unverified and is at most `model.findingSeverity` (a warning by default).
 */
export async function collectModelFindings(params: ModelFindingsParams): Promise<ModelFindingsResult> {
  const { generator, config } = params;
  const findings: Finding[] = [];
  const notices: Notice[] = [];
  const skipped: { path: string; reason: string }[] = [];
  const tally: Tally = { proposed: 0, validatedFirstTime: 0, repaired: 0, rejected: 0 };
  if (!config.checks.model) return { findings, notices, skipped, stats: { ...tally } };

  // 1. Rank.
  const ranked: { file: FileDiff; rank: number; index: number }[] = [];
  params.diff.forEach((file, index) => {
    const verdict = rankFile(file, config);
    if ("skip" in verdict) skipped.push({ path: file.path, reason: `not reviewed by the model: ${verdict.skip}` });
    else ranked.push({ file, rank: verdict.rank, index });
  });
  ranked.sort((a, b) => a.rank - b.rank || a.index - b.index);

  // 2. Plan.
  const plan = await planReviewGroups({
    generator,
    files: ranked.map((entry) => entry.file),
    headText: params.headText,
    diagnostics: params.diagnostics,
    tokenBudget: params.tokenBudget ?? DEFAULT_MODEL_TOKEN_BUDGET,
    ...(params.pr === undefined ? {} : { pr: params.pr }),
  });
  skipped.push(...plan.skipped);

  // 3 + 4. Review each group, then settle each proposed edit.
  // Once the backend is unreachable, the remaining groups are skipped with one notice, not one each.
  let unreachable: string | undefined;
  // Progress counts files, not groups: a large file's hunks may take several prompts.
  const paths = [...new Set(plan.groups.map((group) => group.file.path))];
  const perGroup = await mapWithConcurrency(plan.groups, generator.parallelism, async (group) => {
    params.signal?.throwIfAborted();
    params.onFile?.({ done: paths.indexOf(group.file.path), total: paths.length, path: group.file.path });
    if (unreachable !== undefined) {
      if (!skipped.some((entry) => entry.path === group.file.path && entry.reason === unreachable)) skipped.push({ path: group.file.path, reason: unreachable });
      return [];
    }
    try {
      return await reviewGroup(params, group, tally);
    } catch (error) {
      if (params.signal?.aborted === true) throw error;
      if (error instanceof LlmHttpError && error.status === undefined) unreachable = "not reviewed by the model: the model server could not be reached";
      const span = `${group.hunks[0]?.newStart ?? 1}-${(group.hunks.at(-1)?.newStart ?? 1) + Math.max(group.hunks.at(-1)?.newLines ?? 1, 1) - 1}`;
      notices.push({
        path: group.file.path,
        message: `The model could not review ${group.file.path} (lines ${span}): ${(error as Error).message} The deterministic checks still ran on it.`,
      });
      return [];
    }
  });
  for (const groupFindings of perGroup) findings.push(...groupFindings);
  return { findings, notices, skipped, stats: { ...tally } };
}

async function reviewGroup(params: ModelFindingsParams, group: ReviewGroup, tally: Tally): Promise<Finding[]> {
  const { file } = group;
  const fileText = params.headText(file.path);
  const options = params.signal === undefined ? {} : { signal: params.signal };
  const output = await params.generator.reviewHunks(
    {
      path: file.path,
      hunks: group.hunks,
      diagnostics: group.diagnostics,
      ...(fileText === undefined ? {} : { fileText }),
      ...(params.pr === undefined ? {} : { pr: params.pr }),
    },
    { ...options, temperature: params.config.model.temperature },
  );
  const lastLine = lineCount(fileText);
  const results: Finding[] = [];
  const cap = params.config.model.findingSeverity;
  // Without a validated edit a finding is the model's unverified claim: at most `cap`, and marked so.
  const unverified = (finding: Finding): Finding => ({ ...finding, severity: severityRank(finding.severity) > severityRank(cap) ? cap : finding.severity, unverified: true });
  for (const proposed of output.findings) {
    const finding = toFinding(file.path, proposed, lastLine);
    if (finding === undefined) continue;
    // A quote that is not on the lines named means invented lines or an invented API; a restated diagnostic is an echo.
    if (!quoteOnLines({ quote: proposed.quote, fileText, startLine: finding.startLine, line: finding.line })) continue;
    if (echoesDiagnostic(finding, params.diagnostics)) continue;
    // "X is not defined", "does not exist on": the checkers decide that; where they are silent the claim is false.
    if (claimsCheckerOwned(proposed.message)) continue;
    // "`x` may be undefined" of an `x` whose type under strictNullChecks excludes it: the compiler proves the claim false.
    // One line either side: the quote is often the line before the expression it names (`clear(): void {` for `this.entries.clear()`).
    if (MISSING_VALUE.test(proposed.message) && params.judgeMissingValue?.(file.path, Math.max(1, finding.startLine - 1), finding.line + 1, proposed.message) === "refuted") continue;
    // The verification pass: the model looks again at the claim and its lines alone; a "no" drops the finding.
    if (params.config.model.verifyFindings && fileText !== undefined) {
      if (!(await confirmed(params, { path: file.path, fileText, startLine: finding.startLine, line: finding.line, claim: proposed.message }))) continue;
    }
    if (proposed.edit === null) {
      results.push(unverified(finding));
      continue;
    }
    tally.proposed += 1;
    const outcome = await settleEdit({
      generator: params.generator,
      file,
      edit: { path: file.path, ...proposed.edit },
      title: findingTitle(proposed.message),
      problem: proposed.message,
      fileText,
      diagnostics: group.diagnostics,
      validate: params.validate,
      maxAttempts: params.config.model.maxAttempts,
      ...(params.pr === undefined ? {} : { pr: params.pr }),
      ...options,
    });
    if (outcome.kind === "validated") {
      if (outcome.attempts === 1) tally.validatedFirstTime += 1;
      else tally.repaired += 1;
      const title = params.describeEdit === undefined ? outcome.fix.title : `written by the model. ${params.describeEdit(outcome.fix)}`;
      results.push({ ...finding, suggestion: { ...outcome.fix, title } });
      continue;
    }
    tally.rejected += 1;
    if (!params.config.model.keepUnvalidatedAdvice) continue;
    const { startLine, endLine } = proposed.edit;
    const why = outcome.validated
      ? `it did not pass ESLint and TypeScript validation${outcome.attempts > 1 ? ` after ${outcome.attempts} attempts` : ""}`
      : "it was not within the changed lines";
    results.push({
      ...unverified(finding),
      advice: `The model proposed an edit to lines ${startLine}-${endLine}; it is not offered as a suggestion because ${why}: ${outcome.reasons.join("; ")}`,
    });
  }
  return results;
}

/** The verification pass's answer; a verification that fails (time limit, bad output) leaves the finding as it was, unverified. */
async function confirmed(params: ModelFindingsParams, request: VerifyClaimRequest): Promise<boolean> {
  try {
    return await params.generator.verifyClaim(request, params.signal === undefined ? {} : { signal: params.signal });
  } catch (error) {
    if (params.signal?.aborted === true) throw error;
    return true;
  }
}

/** The model's finding as a domain Finding, or undefined when its lines are not in the file. */
function toFinding(path: string, proposed: ModelFinding, lastLine: number): Finding | undefined {
  const valid = (line: number): boolean => Number.isInteger(line) && line >= 1 && line <= lastLine;
  if (!valid(proposed.line)) return undefined;
  const startLine = valid(proposed.startLine) ? Math.min(proposed.startLine, proposed.line) : proposed.line;
  const line = Math.max(proposed.startLine, proposed.line) <= lastLine && valid(proposed.startLine) ? Math.max(proposed.startLine, proposed.line) : proposed.line;
  return { path, startLine, line, severity: proposed.severity, rule: `model/${proposed.category}`, message: proposed.message };
}
