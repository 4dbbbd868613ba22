import { describeCheckProgress } from "../github/describe-check-progress.js";
import type { CheckOutput } from "../github/limit-check-output.js";
import type { ReviewProgress } from "../review/review-types.js";

/** The in-progress text of the scan's check run: the stage, how far it got, and the file the model is on. */
export function renderScanProgress(progress: ReviewProgress): CheckOutput {
  const { words, count, on } = describeCheckProgress(progress, { validate: "Validating fixes", render: "Writing the report" });
  return { title: `Scanning: ${words.toLowerCase()}${count}`, summary: `patchsmith is scanning the whole repository at this commit: ${words.toLowerCase()}${count}${on}.` };
}
