import type { ProbotOctokit } from "probot";
import type { JobLog } from "../log/job-log.js";
import type { ReviewComment } from "../types.js";
import { requestErrorInfo } from "./request-error-info.js";

export interface DroppedComment {
  readonly comment: ReviewComment;
  readonly reason: string;
}

export interface PublishedReview {
  readonly reviewId: number;
  readonly posted: readonly ReviewComment[];
  readonly dropped: readonly DroppedComment[];
  /** "review": one call; "one-by-one": GitHub refused the batch and the comments went one at a time. */
  readonly mode: "review" | "one-by-one";
}

/** No retry by Octokit's retry plugin: a POST that may have landed is checked before it is sent again. */
const NO_AUTOMATIC_RETRY = { request: { retries: 0 } } as const;

/**
 * Post one review (event COMMENT, on the head SHA reviewed) with its inline comments.
 *  1. Send it once, without automatic retries.
 *  2. On a 422 (a comment GitHub will not place; a bug, since anchors are checked
 *     first): post the body alone, then each comment on its own, dropping and
 *     logging only the ones GitHub refuses.
 *  3. On an error after which the review may have landed (5xx, network): look
 *     for it with `findLanded` first, and send it again only if it is not there.
 */
export async function publishReview(params: {
  readonly octokit: Pick<ProbotOctokit, "rest">;
  readonly owner: string;
  readonly repo: string;
  readonly pullNumber: number;
  readonly commitId: string;
  readonly body: string;
  readonly comments: readonly ReviewComment[];
  /** The id of this review if an earlier attempt did land, else undefined. */
  readonly findLanded: () => Promise<number | undefined>;
  readonly log: JobLog;
}): Promise<PublishedReview> {
  const { octokit, owner, repo, log } = params;
  const create = async (comments: readonly ReviewComment[]): Promise<number> =>
    sendOnce(
      async () =>
        (
          await octokit.rest.pulls.createReview({
            owner,
            repo,
            pull_number: params.pullNumber,
            commit_id: params.commitId,
            event: "COMMENT",
            body: params.body,
            comments: comments.map(toReviewCommentParams),
            ...NO_AUTOMATIC_RETRY,
          })
        ).data.id,
      params.findLanded,
      log,
    );

  try {
    return { reviewId: await create(params.comments), posted: params.comments, dropped: [], mode: "review" };
  } catch (error) {
    if (requestErrorInfo(error).status !== 422 || params.comments.length === 0) throw error;
    log.error(
      { err: error, pullNumber: params.pullNumber, comments: params.comments.map((c) => `${c.path}:${c.startLine ?? c.line}-${c.line}`) },
      "BUG: GitHub refused the review's comments (422) although their anchors were checked; posting them one by one",
    );
  }

  const reviewId = await create([]);
  const posted: ReviewComment[] = [];
  const dropped: DroppedComment[] = [];
  for (const comment of params.comments) {
    try {
      await octokit.rest.pulls.createReviewComment({
        owner,
        repo,
        pull_number: params.pullNumber,
        commit_id: params.commitId,
        ...toReviewCommentParams(comment),
        ...NO_AUTOMATIC_RETRY,
      });
      posted.push(comment);
    } catch (error) {
      const info = requestErrorInfo(error);
      const reason = `GitHub refused it (${info.status ?? "no status"}: ${info.message})`;
      dropped.push({ comment, reason });
      log.error({ err: error, path: comment.path, line: comment.line, startLine: comment.startLine }, `BUG: dropped one comment on ${comment.path}:${comment.line}: ${reason}`);
    }
  }
  return { reviewId, posted, dropped, mode: "one-by-one" };
}

function toReviewCommentParams(comment: ReviewComment): {
  path: string;
  line: number;
  side: "RIGHT";
  body: string;
  start_line?: number;
  start_side?: "RIGHT";
} {
  const range = comment.startLine !== undefined && comment.startLine < comment.line ? { start_line: comment.startLine, start_side: "RIGHT" as const } : {};
  return { path: comment.path, line: comment.line, side: "RIGHT", body: comment.body, ...range };
}

/** Errors after which the request may have been carried out: server errors and no answer at all. */
function mayHaveLanded(error: unknown): boolean {
  const { status } = requestErrorInfo(error);
  return status === undefined || status >= 500;
}

async function sendOnce(send: () => Promise<number>, findLanded: () => Promise<number | undefined>, log: JobLog): Promise<number> {
  try {
    return await send();
  } catch (error) {
    if (!mayHaveLanded(error)) throw error;
    const landed = await findLanded();
    if (landed !== undefined) {
      log.warn({ err: error, reviewId: landed }, "Creating the review failed, but it had landed; not sending it again");
      return landed;
    }
    log.warn({ err: error }, "Creating the review failed and it did not land; sending it once more");
    return send();
  }
}
