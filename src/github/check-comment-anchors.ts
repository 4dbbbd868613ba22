import { findHunkForRange } from "../diff/commentable-lines.js";
import type { FileDiff, ReviewComment } from "../types.js";

export interface RejectedComment {
  readonly comment: ReviewComment;
  readonly reason: string;
}

/**
 * Check each comment against the diff before it is sent: RIGHT side, the
 * whole `start_line`..`line` range inside one hunk, and every suggestion fence
 * longer than any run of backticks inside it. GitHub answers 422 to anything
 * else, so a comment rejected here is a bug upstream; it goes to the review
 * body instead of breaking the review.
 */
export function checkCommentAnchors(
  comments: readonly ReviewComment[],
  diff: readonly FileDiff[],
): { readonly valid: ReviewComment[]; readonly rejected: RejectedComment[] } {
  const byPath = new Map(diff.map((file) => [file.path, file]));
  const valid: ReviewComment[] = [];
  const rejected: RejectedComment[] = [];
  for (const comment of comments) {
    const reason = anchorProblem(comment, byPath.get(comment.path));
    if (reason === undefined) valid.push(comment);
    else rejected.push({ comment, reason });
  }
  return { valid, rejected };
}

function anchorProblem(comment: ReviewComment, file: FileDiff | undefined): string | undefined {
  if (file === undefined) return `${comment.path} is not part of the diff`;
  if (file.status === "removed") return `${comment.path} is deleted in this pull request`;
  const start = comment.startLine ?? comment.line;
  if (!Number.isInteger(start) || !Number.isInteger(comment.line) || start < 1 || start > comment.line) {
    return `invalid line range ${start}..${comment.line}`;
  }
  if (findHunkForRange(file, start, comment.line) === undefined) {
    return `lines ${start}..${comment.line} of ${comment.path} are not inside one hunk of the diff`;
  }
  return fenceProblem(comment.body);
}

/** A ```suggestion block must be fenced with more backticks than any run inside it. */
export function fenceProblem(body: string): string | undefined {
  const lines = body.split("\n");
  for (let index = 0; index < lines.length; index++) {
    const open = /^(`{3,})suggestion\s*$/.exec(lines[index] ?? "");
    if (open?.[1] === undefined) continue;
    const fence = open[1];
    const close = lines.findIndex((line, i) => i > index && line.trim() === fence);
    if (close === -1) return "a suggestion block is not closed";
    const inner = lines.slice(index + 1, close).join("\n");
    const longest = Math.max(0, ...(inner.match(/`+/g) ?? []).map((run) => run.length));
    if (longest >= fence.length) return `a suggestion fence of ${fence.length} backticks contains a run of ${longest}`;
    index = close;
  }
  return undefined;
}
