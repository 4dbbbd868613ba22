import type { FileDiff, ReviewComment } from "../types.js";
import { addTestsSection } from "./add-tests-section.js";
import { renderTestComments } from "./render-test-comments.js";
import { renderTestsSection } from "./render-tests-section.js";
import type { TestsReport } from "./tests-report.js";

/**
 * The unit-test step's part of the posted review: its suggestions on test
 * files as inline comments after the review's own, its section in the body
 * before the closing "Model:" line. Without a report the review is unchanged.
 */
export function addTestsToReview(
  review: { readonly comments: readonly ReviewComment[]; readonly body: string },
  tests: TestsReport | undefined,
  params: { readonly files: readonly FileDiff[]; readonly headText: (path: string) => string | undefined; readonly repo?: { readonly owner: string; readonly name: string } },
): { readonly comments: readonly ReviewComment[]; readonly body: string } {
  if (tests === undefined) return review;
  const repo = params.repo ? { repo: params.repo } : {};
  const testComments = renderTestComments({ suggestions: tests.suggestions, files: params.files, headText: params.headText, ...repo });
  return { comments: [...review.comments, ...testComments], body: addTestsSection(review.body, renderTestsSection(tests, repo)) };
}
