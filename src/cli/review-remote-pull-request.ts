import { loadRepoConfig } from "../config/load-repo-config.js";
import { parseRepoConfigYaml, type RepoConfig } from "../config/repo-config.js";
import { getPullRequest, type PullRequestInfo } from "../github/get-pull-request.js";
import { requestErrorInfo } from "../github/request-error-info.js";
import { reviewPullRequest, type PullRequestReview } from "../github/review-pull-request.js";
import type { Generator } from "../llm/generator.js";
import { readAppSettings } from "../config/app-settings.js";
import { createEnvironmentProvider } from "../environment/create-environment-provider.js";
import { withEnvironment } from "../pipeline/with-environment.js";
import { reviewChange as realReviewChange } from "../pipeline/review-change.js";
import type { StandingFile } from "../review/markers.js";
import type { ReviewChange } from "../pipeline/review-types.js";
import type { CliIo } from "./cli-io.js";
import type { RestOctokit } from "./create-rest-octokit.js";
import type { PullRequestRef } from "./parse-pull-request-ref.js";
import type { ModelFactory } from "./review-command.js";

export type RemoteReview =
  | { readonly kind: "skipped"; readonly reason: string; readonly pr: PullRequestInfo }
  | {
      readonly kind: "up-to-date";
      readonly pr: PullRequestInfo;
      readonly config: RepoConfig;
      /** The findings standing at the head, as its review recorded them: the exit code comes from them. */
      readonly standing: readonly StandingFile[];
    }
  | {
      readonly kind: "reviewed";
      readonly pr: PullRequestInfo;
      readonly config: RepoConfig;
      readonly reviewed: Extract<PullRequestReview, { kind: "reviewed" }>;
      /** The user the token posts as (not a bot), whose earlier reviews count as patchsmith's. */
      readonly trustedLogin: string | undefined;
    };

/**
 * Review a pull request through the REST API with a token (or none), for
 * `patchsmith review URL` and the Action, through the App's own code path:
 *  1. read the pull request;
 *  2. its config: the file given, else `.github/patchsmith.yml` read as the App reads it;
 *  3. stop if the caller says to skip it (the Action skips what the App skips);
 *  4. when the review will be posted: find the token's user, whose earlier reviews count;
 *  5. reviewPullRequest (earlier reviews only when posting), the model loaded only if needed and freed after.
 * GitHub's errors are thrown as they are, for the caller to explain.
 */
export async function reviewRemotePullRequest(params: {
  readonly octokit: RestOctokit;
  readonly ref: PullRequestRef;
  /** The review will be posted: read earlier reviews, review only what is new, drop repeats. */
  readonly posting: boolean;
  /** A config given by the person running it, instead of the repository's. */
  readonly configFile?: { readonly path: string; readonly text: string };
  readonly createModel: ModelFactory;
  readonly env: CliIo["env"];
  readonly now: () => number;
  readonly onNotice: (message: string) => void;
  readonly skip?: (pr: PullRequestInfo, config: RepoConfig) => string | undefined;
  readonly reviewChange?: ReviewChange;
  readonly fetchConcurrency?: number;
}): Promise<RemoteReview> {
  const { octokit, ref } = params;
  const where = { octokit, owner: ref.owner, repo: ref.repo };

  // 1. The pull request.
  const pr = await getPullRequest({ ...where, pullNumber: ref.number });

  // 2. The config.
  const config = params.configFile === undefined ? await loadRepoConfig(where) : parseRepoConfigYaml(params.configFile.text, params.configFile.path);

  // 3. Skip?
  const reason = params.skip?.(pr, config);
  if (reason !== undefined) return { kind: "skipped", reason, pr };

  // 4. Whose earlier reviews count.
  const trustedLogin = params.posting ? await tokenUser(octokit) : undefined;

  // 5. The review.
  let model: Promise<{ generator?: Generator; notice?: string }> | undefined;
  const getGenerator = async (): Promise<Generator | undefined> => {
    model ??= params.createModel({ env: params.env, config }).then((loaded) => {
      if (loaded.notice !== undefined) params.onNotice(loaded.notice);
      return loaded;
    });
    return (await model).generator;
  };
  try {
    const reviewed = await reviewPullRequest({
      ...where,
      pr,
      config,
      trigger: "synchronize",
      earlierReviews: params.posting ? (trustedLogin === undefined ? {} : { trustedLogin }) : false,
      reviewChange: withEnvironment(params.reviewChange ?? realReviewChange, createEnvironmentProvider({ settings: readAppSettings(params.env).types, env: params.env })),
      getGenerator,
      now: params.now,
      fetchConcurrency: params.fetchConcurrency ?? 8,
    });
    if (reviewed.kind === "up-to-date") return { kind: "up-to-date", pr, config, standing: reviewed.state.standing ?? [] };
    return { kind: "reviewed", pr, config, reviewed, trustedLogin };
  } finally {
    if (model !== undefined) await (await model).generator?.dispose();
  }
}

/**
 * The login of the user a token acts as, or undefined for a GitHub App or
 * Actions token (their reviews are by a bot, which counts anyway) and for no token.
 */
async function tokenUser(octokit: RestOctokit): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.users.getAuthenticated();
    return data.type === "Bot" ? undefined : data.login;
  } catch (error) {
    const { status } = requestErrorInfo(error);
    if (status === 403 || status === 404) return undefined;
    throw error;
  }
}
