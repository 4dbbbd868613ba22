import { inlineCode } from "../review/inline-code.js";
import type { ReviewProgress } from "../review/review-types.js";

const STAGE_WORDS: Record<ReviewProgress["stage"], string> = {
  load: "Loading files",
  analyze: "Analysing files",
  fixes: "Asking the model to fix what ESLint and TypeScript found",
  model: "Asking the model",
  tests: "Writing the missing unit tests",
  validate: "Validating suggestions",
  render: "Writing the review",
};

/**
 * A step of a review or scan for a check run: the title's words with the
 * count ("Asking the model (2 / 3)"), and for the summary the same plus the
 * file the step is on, as inline code (a path is repository data: it must not
 * render, link or mention).
 */
export function describeCheckProgress(progress: ReviewProgress, overrides: Partial<Record<ReviewProgress["stage"], string>> = {}): { readonly words: string; readonly count: string; readonly on: string } {
  const words = overrides[progress.stage] ?? STAGE_WORDS[progress.stage];
  const item = progress.unit === "tasks" ? " tasks" : "";
  const count = progress.total > 0 ? ` (${progress.done} / ${progress.total}${item})` : "";
  const on = progress.path === undefined ? "" : `, on ${inlineCode(progress.path)}`;
  return { words, count, on };
}
