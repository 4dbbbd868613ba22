import type { Generator } from "../generator.js";
import type { Diagnostic, FileDiff, Hunk } from "../../types.js";
import { worthReviewing } from "./worth-reviewing.js";

/** Hunks of one file that go to the model in one request. */
export interface ReviewGroup {
  readonly file: FileDiff;
  readonly hunks: readonly Hunk[];
  readonly diagnostics: readonly Diagnostic[];
  readonly tokens: number;
}

export interface ReviewPlan {
  readonly groups: readonly ReviewGroup[];
  readonly skipped: readonly { path: string; reason: string }[];
}

function lineSpan(hunks: readonly Hunk[]): string {
  const first = hunks[0];
  const last = hunks.at(-1);
  if (first === undefined || last === undefined) return "";
  return `${first.newStart}-${last.newStart + Math.max(last.newLines, 1) - 1}`;
}

/**
 * Split each file's hunks into requests that fit the model's context (halving
 * a group until it fits; a single hunk that never fits is skipped) and spend
 * the review's token budget on files in the order given, most important
 * first. Whatever does not fit the budget is reported as skipped, with why.
 */
export async function planReviewGroups(params: {
  readonly generator: Generator;
  /** Files in review order, most important first. */
  readonly files: readonly FileDiff[];
  readonly headText: (path: string) => string | undefined;
  readonly diagnostics: readonly Diagnostic[];
  readonly pr?: { readonly title: string; readonly body: string };
  readonly tokenBudget: number;
}): Promise<ReviewPlan> {
  const { generator } = params;
  const groups: ReviewGroup[] = [];
  const skipped: { path: string; reason: string }[] = [];
  let spent = 0;
  let budgetExhausted = false;

  for (const file of params.files) {
    if (budgetExhausted) {
      skipped.push({ path: file.path, reason: `not reviewed by the model: the review's token budget (${params.tokenBudget} tokens) went to more important files` });
      continue;
    }
    const fileText = params.headText(file.path);
    const fileDiagnostics = params.diagnostics.filter((d) => d.path === file.path);
    const measure = (hunks: readonly Hunk[]): Promise<number> =>
      generator.measureReviewPrompt({
        path: file.path,
        hunks,
        diagnostics: fileDiagnostics,
        ...(fileText === undefined ? {} : { fileText }),
        ...(params.pr === undefined ? {} : { pr: params.pr }),
      });

    const fitting: { hunks: readonly Hunk[]; tokens: number }[] = [];
    // Hunks with nothing to review (imports, comments, formatting, deletions) are not sent: every prompt token is time.
    const worth = file.hunks.filter((hunk) => hunk.newLines > 0 && worthReviewing(hunk));
    if (worth.length === 0) continue;
    const pending: (readonly Hunk[])[] = [worth];
    while (pending.length > 0) {
      const hunks = pending.shift() ?? [];
      const tokens = await measure(hunks);
      if (tokens <= generator.promptTokenLimit) fitting.push({ hunks, tokens });
      else if (hunks.length > 1) {
        const middle = Math.ceil(hunks.length / 2);
        pending.unshift(hunks.slice(0, middle), hunks.slice(middle));
      } else {
        skipped.push({
          path: file.path,
          reason: `lines ${lineSpan(hunks)} not reviewed by the model: the hunk needs ${tokens} prompt tokens, more than the ${generator.promptTokenLimit} its context allows`,
        });
      }
    }

    for (const [index, group] of fitting.entries()) {
      if (spent + group.tokens > params.tokenBudget) {
        budgetExhausted = true;
        const rest = fitting.slice(index).flatMap((g) => g.hunks);
        const reason =
          index === 0
            ? `not reviewed by the model: the review's token budget (${params.tokenBudget} tokens) went to more important files`
            : `lines ${lineSpan(rest)} not reviewed by the model: the review's token budget (${params.tokenBudget} tokens) ran out`;
        skipped.push({ path: file.path, reason });
        break;
      }
      spent += group.tokens;
      const inGroup = (d: Diagnostic): boolean => group.hunks.some((h) => d.line >= h.newStart && d.line < h.newStart + Math.max(h.newLines, 1));
      groups.push({ file, hunks: group.hunks, diagnostics: fileDiagnostics.filter(inGroup), tokens: group.tokens });
    }
  }
  return { groups, skipped };
}
