import type { ReviewProgress } from "../review/review-types.js";
import { describeCheckProgress } from "./describe-check-progress.js";
import type { CheckOutput } from "./limit-check-output.js";

/** The in-progress text of the check run: the stage, how far it got, and the file the model is on. */
export function renderCheckProgress(progress: ReviewProgress): CheckOutput {
  const { words, count, on } = describeCheckProgress(progress);
  return { title: `${words}${count}`, summary: `patchsmith is reviewing this commit: ${words.toLowerCase()}${count}${on}.` };
}
