import type { ReviewProgress } from "../review/review-types.js";
import type { CheckOutput } from "./limit-check-output.js";

const STAGE_WORDS: Record<ReviewProgress["stage"], string> = {
  load: "Loading files",
  analyze: "Analysing files",
  model: "Asking the model",
  tests: "Writing the missing unit tests",
  validate: "Validating suggestions",
  render: "Writing the review",
};

/** The in-progress text of the check run: the stage and how far it got. */
export function renderCheckProgress(progress: ReviewProgress): CheckOutput {
  const words = STAGE_WORDS[progress.stage];
  const count = progress.total > 0 ? ` (${progress.done} / ${progress.total})` : "";
  return { title: `${words}${count}`, summary: `patchsmith is reviewing this commit: ${words.toLowerCase()}${count}.` };
}
