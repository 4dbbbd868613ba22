import { addedLines } from "../../diff/commentable-lines.js";
import { screenFindings } from "../../security/screen-findings.js";
import type { FileDiff, Finding, ReviewComment, ReviewStats } from "../../types.js";
import { mergeSameSuggestions } from "../merge-same-suggestions.js";
import type { ModelEditStats } from "../model-findings.js";
import { renderReviewBody } from "../render-summary.js";
import { selectComments } from "../select-comments.js";
import type { EditCounts } from "./offer-deterministic-fixes.js";
import type { ReviewRun } from "./review-run.js";

export interface AssembledReview {
  /** Every finding, screened, same suggestions merged, sorted by path and line. */
  readonly findings: readonly Finding[];
  readonly comments: readonly ReviewComment[];
  readonly overflow: readonly Finding[];
  /** The review body: summary, overflow, skipped files and notices, as markdown (no state marker). */
  readonly body: string;
  readonly stats: ReviewStats;
}

/**
 * The review as it will be posted:
 *  1. screen the suggestions (no secrets, no marker openers, no new network or
 *     environment access from the model); a withheld edit stays as plain text;
 *  2. merge findings with the same suggestion, sort by path and line;
 *  3. choose the inline comments (anchored inside a hunk, at most `maxComments`);
 *  4. count the suggestions, and render the body with the notices and skipped files so far.
 */
export async function assembleReview(
  run: ReviewRun,
  params: {
    readonly findings: readonly Finding[];
    /** The whole change (comments on any changed file's added lines). */
    readonly diff: readonly FileDiff[];
    /** The files comments may be anchored in: the analysed ones and those with secrets. */
    readonly files: readonly FileDiff[];
    readonly filesAnalysed: number;
    readonly headText: (path: string) => string | undefined;
    readonly mask: (text: string) => string;
    /** Deterministic and secret fixes. */
    readonly checked: EditCounts;
    readonly model: ModelEditStats;
    readonly fixes: ModelEditStats;
    readonly environment?: ReviewStats["environment"];
    /** What the model cost: calls, tokens, time, per stage (absent without model calls). */
    readonly modelCalls?: ReviewStats["model"];
    readonly modelName?: string;
    readonly repo?: { readonly owner: string; readonly name: string };
  },
): Promise<AssembledReview> {
  const { config, notices } = run;
  const { checked, model, fixes } = params;
  const changed = new Map(params.diff.map((file) => [file.path, file]));
  const addedOf = (path: string): ReadonlySet<number> => {
    const file = changed.get(path);
    return file ? addedLines(file) : new Set<number>();
  };
  const screened = screenFindings({ findings: [...params.findings], headText: params.headText, mask: params.mask, addedLines: addedOf });
  if (screened.withheld > 0) notices.push({ message: `${screened.withheld} suggested ${screened.withheld === 1 ? "edit was" : "edits were"} withheld for safety (the comment says why); the findings are posted as plain text.` });
  const sorted = mergeSameSuggestions(screened.findings).sort((a, b) => a.path.localeCompare(b.path) || a.line - b.line);
  const { comments, overflow } = await run.time("render", () =>
    selectComments({ findings: sorted, files: params.files, headText: params.headText, config, ...(params.repo ? { repo: params.repo } : {}) }),
  );
  if (comments.length >= config.maxComments && overflow.length > 0) notices.push({ message: `Limit hit: at most ${config.maxComments} inline comments per review (\`maxComments\` in .github/patchsmith.yml); the other findings are listed below.` });
  const stats: ReviewStats = {
    filesAnalysed: params.filesAnalysed,
    filesSkipped: run.skipped.length,
    suggestionsProposed: checked.proposed + model.proposed + fixes.proposed,
    suggestionsValidated: checked.validated + model.validatedFirstTime + model.repaired + fixes.validatedFirstTime + fixes.repaired,
    suggestionsRejected: checked.rejected + model.rejected + fixes.rejected,
    suggestionsRepaired: model.repaired + fixes.repaired,
    validatedFirstTime: checked.validated + model.validatedFirstTime + fixes.validatedFirstTime,
    timings: run.timings,
    ...(params.environment ? { environment: params.environment } : {}),
    ...(params.modelCalls ? { model: params.modelCalls } : {}),
  };
  const body = renderReviewBody({
    findings: sorted,
    comments,
    overflow,
    skipped: run.skipped,
    notices,
    stats,
    ...(params.modelName === undefined ? {} : { model: params.modelName }),
    ...(params.repo ? { repo: params.repo } : {}),
  });
  return { findings: sorted, comments, overflow, body, stats };
}
