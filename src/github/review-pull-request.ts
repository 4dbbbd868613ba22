import type { ProbotOctokit } from "probot";
import type { RepoConfig } from "../config/repo-config.js";
import type { ReviewTrigger } from "./review-job.js";
import type { Generator } from "../llm/generator.js";
import type { ReviewChange, ReviewChangeResult } from "../pipeline/review-types.js";
import type { ReviewProgress } from "../review/review-types.js";
import { carryStandingFindings } from "../review/carry-standing-findings.js";
import type { StandingFile } from "../review/markers.js";
import type { FileSource, ReviewComment } from "../types.js";
import { checkCommentAnchors, type RejectedComment } from "./check-comment-anchors.js";
import { chooseReviewScope } from "./choose-review-scope.js";
import { compareCommits } from "./compare-commits.js";
import { composeReviewBody } from "./compose-review-body.js";
import { createConcurrencyLimit } from "./create-concurrency-limit.js";
import { createGitHubFileSource, type BlobCache } from "./create-github-file-source.js";
import type { PullRequestInfo } from "./get-pull-request.js";
import { listPullRequestFiles } from "./list-pull-request-files.js";
import { loadReviewState, type ReviewState } from "./load-review-state.js";
import type { ReviewScope } from "./review-scope.js";
import { toFileDiffs } from "./to-file-diffs.js";

/** The Octokit calls a review of a pull request makes: Probot's, or @octokit/rest's with a token. */
export type PullRequestClient = Pick<ProbotOctokit, "rest" | "paginate">;

/** One review as it is posted: on `commitId`, the body with its marker, the inline comments. */
export interface PostableReview {
  readonly commitId: string;
  readonly body: string;
  readonly comments: readonly ReviewComment[];
}

export type PullRequestReview =
  | { readonly kind: "up-to-date"; readonly scope: ReviewScope; readonly state: ReviewState }
  | {
      readonly kind: "reviewed";
      readonly scope: ReviewScope;
      readonly state: ReviewState;
      /** The engine's result, with files whose patch could not be parsed added to `skipped`. */
      readonly result: ReviewChangeResult;
      /** Every finding standing at the head: this run's, and those recorded for files it did not analyse again. */
      readonly standing: readonly StandingFile[];
      readonly review: PostableReview;
      /** False when an already reviewed pull request has nothing new: no review is posted then. */
      readonly worthPosting: boolean;
      /** Comments already on the pull request (same fingerprint), left out. */
      readonly duplicates: number;
      /** Comments that failed the anchor check (a bug upstream): they are in the body instead. */
      readonly notInline: readonly RejectedComment[];
      readonly filesListed: number;
      readonly filesInScope: number;
      /** GitHub's 3,000-file cap cut the file list short. */
      readonly capped: boolean;
      /** The head snapshot, for showing the lines a suggestion replaces. */
      readonly head: FileSource;
    };

/**
 * Load a pull request from GitHub and review it, the same for the App, the
 * CLI (`patchsmith review URL`) and the Action; only where the result goes differs:
 *  1. read earlier reviews (last reviewed SHA, fingerprints), list the files, find the merge base;
 *  2. choose the scope: everything, or only what changed since the last reviewed SHA;
 *  3. run the engine on GitHub-backed merge-base and head snapshots;
 *  4. carry forward the findings recorded for files this run did not analyse again;
 *  5. drop comments already posted, check every anchor, compose the body with its markers
 *     (the head reviewed, the findings standing there).
 */
export async function reviewPullRequest(params: {
  readonly octokit: PullRequestClient;
  readonly owner: string;
  readonly repo: string;
  readonly pr: PullRequestInfo;
  readonly config: RepoConfig;
  readonly trigger: ReviewTrigger;
  /**
   * Read patchsmith's earlier reviews to review incrementally and drop repeats. Their
   * markers count when a bot wrote them, or `trustedLogin` (the user a token posts as).
   * `false`: review everything and ignore earlier reviews (a preview that posts nothing).
   */
  readonly earlierReviews: { readonly trustedLogin?: string } | false;
  readonly reviewChange: ReviewChange;
  /** The model, loaded only when there is something to review; undefined when none is configured. */
  readonly getGenerator?: () => Promise<Generator | undefined>;
  readonly signal?: AbortSignal;
  readonly onProgress?: (progress: ReviewProgress) => void;
  readonly now: () => number;
  /** Blobs fetched at once. */
  readonly fetchConcurrency: number;
  /** Wraps each group of GitHub calls, for the caller's timings. */
  readonly timeGitHub?: <T>(fn: () => Promise<T>) => Promise<T>;
}): Promise<PullRequestReview> {
  const { octokit, pr, config, signal } = params;
  const where = { octokit, owner: params.owner, repo: params.repo };
  const time = params.timeGitHub ?? (<T>(fn: () => Promise<T>) => fn());

  // 1. Earlier runs, the files, the merge base.
  const earlier = params.earlierReviews;
  const [state, listed, mergeBase] = await time(() =>
    Promise.all([
      earlier === false ? Promise.resolve(NO_STATE) : loadReviewState({ ...where, pullNumber: pr.number, ...(earlier.trustedLogin === undefined ? {} : { trustedLogin: earlier.trustedLogin }) }),
      listPullRequestFiles({ ...where, pullNumber: pr.number, changedFiles: pr.changedFiles }),
      compareCommits({ ...where, base: pr.baseSha, head: pr.headSha }),
    ]),
  );
  signal?.throwIfAborted();

  // 2. The scope.
  const sinceLast =
    state.lastReviewedSha !== undefined && state.standing !== undefined && state.lastReviewedSha !== pr.headSha && params.trigger !== "rerequested"
      ? await time(() => compareCommits({ ...where, base: state.lastReviewedSha ?? "", head: pr.headSha }))
      : undefined;
  const scope = chooseReviewScope({ trigger: params.trigger, headSha: pr.headSha, lastReviewedSha: state.lastReviewedSha, standingRecorded: state.standing !== undefined, sinceLast });
  if (scope.kind === "up-to-date") return { kind: "up-to-date", scope, state };
  const inScope = scope.kind === "full" ? listed.files : listed.files.filter((f) => scope.paths.has(f.path) || (f.previousPath !== undefined && scope.paths.has(f.previousPath)));
  const { diffs, problems } = toFileDiffs(inScope);

  // 3. The engine, on the merge base (what the patches are relative to) and the head.
  const limit = createConcurrencyLimit(params.fetchConcurrency);
  const blobs: BlobCache = new Map<string, Promise<Uint8Array>>();
  const source = (sha: string) => createGitHubFileSource({ ...where, sha, maxBytes: config.maxFileBytes, limit, blobs });
  const head = source(pr.headSha);
  const generator = config.checks.model ? await params.getGenerator?.() : undefined;
  const engineResult = await params.reviewChange({
    base: source(mergeBase.status === "missing" ? pr.baseSha : mergeBase.mergeBaseSha),
    head,
    diff: diffs,
    config,
    pr: { title: pr.title, body: pr.body },
    repo: { owner: params.owner, name: params.repo },
    ...(generator === undefined ? {} : { generator }),
    ...(signal === undefined ? {} : { signal }),
    ...(params.onProgress === undefined ? {} : { onProgress: params.onProgress }),
    now: params.now,
  });
  const result: ReviewChangeResult = problems.length > 0 ? { ...engineResult, skipped: [...problems, ...engineResult.skipped] } : engineResult;
  signal?.throwIfAborted();

  // 4. What stands at the head.
  const skippedPaths = new Set(result.skipped.map((s) => s.path));
  const standing = carryStandingFindings({
    previous: state.standing,
    findings: result.findings,
    analysed: new Set(result.analysed ?? diffs.map((d) => d.path).filter((path) => !skippedPaths.has(path))),
    inPullRequest: new Set(listed.files.filter((f) => f.status !== "removed").map((f) => f.path)),
  });

  // 5. Drop repeats, check every anchor, compose the body.
  const fresh = result.comments.filter((c) => !state.fingerprints.has(c.fingerprint));
  const duplicates = result.comments.length - fresh.length;
  const anchors = checkCommentAnchors(fresh, diffs);
  const body = composeReviewBody({
    summary: result.body,
    headSha: pr.headSha,
    standing,
    notInline: anchors.rejected,
    duplicates,
    ...(listed.capped ? { capped: { listed: listed.files.length, changed: pr.changedFiles } } : {}),
  });
  return {
    kind: "reviewed",
    scope,
    state,
    result,
    standing,
    review: { commitId: pr.headSha, body, comments: anchors.valid },
    // Also posted to record what stands: when the last review (by an earlier patchsmith) recorded nothing, and when
    // a re-run of an already reviewed head finds otherwise (a later run that finds this head reviewed reports its record).
    worthPosting:
      state.reviewIds.size === 0 ||
      state.standing === undefined ||
      (state.lastReviewedSha === pr.headSha && JSON.stringify(standing) !== JSON.stringify(state.standing)) ||
      anchors.valid.length > 0 ||
      anchors.rejected.length > 0,
    duplicates,
    notInline: anchors.rejected,
    filesListed: listed.files.length,
    filesInScope: inScope.length,
    capped: listed.capped,
    head,
  };
}

const NO_STATE: ReviewState = { lastReviewedSha: undefined, standing: undefined, reviewIds: new Set(), fingerprints: new Set() };
