import type { ReviewProgress } from "../review/review-types.js";

const WORDS: Readonly<Record<ReviewProgress["stage"], string>> = {
  load: "loading files",
  analyze: "ESLint and TypeScript",
  fixes: "the model: fixes",
  model: "the model: findings",
  tests: "the model: unit tests",
  validate: "validating",
  render: "writing the review",
};

/** A path for one line of a terminal: no control characters (a file name could carry escape sequences), at most 48 characters, its end kept. */
function shownPath(path: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must go
  const clean = path.replace(/[\u0000-\u001f\u007f-\u009f]/g, "?");
  return clean.length <= 48 ? clean : `…${clean.slice(-47)}`;
}

/**
 * A step in words, for stderr: "the model: fixes, task 2/3, src/cart.ts, 25 tok/s".
 * The count is shown from the second item on; the rate only with `rate`.
 */
export function describeProgress(progress: ReviewProgress, options: { readonly rate: boolean }): string {
  const parts = [WORDS[progress.stage]];
  if (progress.total > 1) {
    const item = progress.unit === "tasks" ? "task" : "file";
    // A step names the item it is on: one more than those done, unless every one is done.
    const current = progress.path === undefined ? progress.done : Math.min(progress.done + 1, progress.total);
    parts.push(progress.path === undefined ? `${current}/${progress.total} ${item}s` : `${item} ${current}/${progress.total}`);
  }
  if (progress.path !== undefined) parts.push(shownPath(progress.path));
  if (options.rate && progress.tokensPerSecond !== undefined) parts.push(`${progress.tokensPerSecond} tok/s`);
  return parts.join(", ");
}
