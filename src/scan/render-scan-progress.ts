import type { CheckOutput } from "../github/limit-check-output.js";
import type { ReviewProgress } from "../review/review-types.js";

const STAGE_WORDS: Record<ReviewProgress["stage"], string> = {
  load: "Loading files",
  analyze: "Analysing files",
  model: "Asking the model",
  tests: "Writing the missing unit tests",
  validate: "Validating fixes",
  render: "Writing the report",
};

/** The in-progress text of the scan's check run: the stage and how far it got. */
export function renderScanProgress(progress: ReviewProgress): CheckOutput {
  const words = STAGE_WORDS[progress.stage];
  const count = progress.total > 0 ? ` (${progress.done} / ${progress.total})` : "";
  return { title: `Scanning: ${words.toLowerCase()}${count}`, summary: `patchsmith is scanning the whole repository at this commit: ${words.toLowerCase()}${count}.` };
}
