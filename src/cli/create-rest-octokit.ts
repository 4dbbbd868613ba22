import { Octokit } from "@octokit/rest";
import { config } from "@probot/octokit-plugin-config";
import { limitRequestTime } from "../github/limit-request-time.js";

/** @octokit/rest with the config plugin Probot uses, so `.github/patchsmith.yml` is read exactly as the App reads it. */
const ConfigOctokit = Octokit.plugin(config);

export type RestOctokit = InstanceType<typeof ConfigOctokit>;

/**
 * An Octokit for the CLI and the Action: a token (or none, for public
 * repositories within the unauthenticated rate limit) and an API base URL.
 * No automatic retries: errors are explained to the person running it.
 * Every request gets at most `timeoutMs` to be answered (the App's
 * PATCHSMITH_GITHUB_TIMEOUT_MS), so a GitHub that never answers ends the run
 * with a GitHubTimeoutError instead of hanging it.
 */
export function createRestOctokit(params: {
  readonly token: string | undefined;
  readonly baseUrl: string;
  /** Longest wait for one request (PATCHSMITH_GITHUB_TIMEOUT_MS). */
  readonly timeoutMs: number;
  /** Octokit's own warnings (an endpoint's deprecation), one line each. */
  readonly warn: (message: string) => void;
}): RestOctokit {
  const octokit = new ConfigOctokit({
    ...(params.token === undefined ? {} : { auth: params.token }),
    baseUrl: params.baseUrl,
    userAgent: "patchsmith",
    log: {
      debug: () => undefined,
      info: () => undefined,
      warn: (message: string) => {
        params.warn(message);
      },
      // Failed requests (logged here by the request-log plugin) are explained by the caller instead.
      error: () => undefined,
    },
  });
  limitRequestTime(octokit, { ms: params.timeoutMs, setting: "PATCHSMITH_GITHUB_TIMEOUT_MS" });
  return octokit;
}
