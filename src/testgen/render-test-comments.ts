import { renderComment } from "../review/render-comment.js";
import type { FileDiff, Finding, ReviewComment } from "../types.js";

/**
 * The inline comments for tests delivered as suggestions on test files the
 * pull request changes (they stay out of the findings, so the untested-code
 * notes do not count as problems). A suggestion that cannot be anchored in
 * a hunk is left out; its file is still in the review body.
 */
export function renderTestComments(params: {
  readonly suggestions: readonly Finding[];
  readonly files: readonly FileDiff[];
  readonly headText: (path: string) => string | undefined;
  readonly repo?: { readonly owner: string; readonly name: string };
}): ReviewComment[] {
  const context = params.repo ? { owner: params.repo.owner, repo: params.repo.name } : {};
  const comments: ReviewComment[] = [];
  for (const finding of params.suggestions) {
    const file = params.files.find((f) => f.path === finding.path);
    const text = params.headText(finding.path);
    if (file === undefined || text === undefined) continue;
    const comment = renderComment(finding, file, text.split(/\r?\n/), context);
    if (comment !== undefined) comments.push(comment);
  }
  return comments;
}
