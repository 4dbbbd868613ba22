import type { ProbotOctokit } from "probot";

/** Thrown when GitHub did not answer one API request within PATCHSMITH_GITHUB_TIMEOUT_MS. */
export class GitHubTimeoutError extends Error {
  override readonly name = "GitHubTimeoutError";
}

/**
 * Give every request of this Octokit at most `ms` to be answered, Octokit's
 * own retries included, so a connection GitHub never answers cannot hold a
 * job (and its pull request's lock) for many minutes. A request that streams
 * its body (a repository archive for a scan) is left to its own limits. A
 * signal the caller passed still aborts the request too.
 */
export function limitRequestTime(octokit: Pick<ProbotOctokit, "hook">, params: { readonly ms: number; readonly setting: string }): void {
  octokit.hook.wrap("request", async (request, options) => {
    if (options.request.parseSuccessResponseBody === false) return request(options);
    const timeout = AbortSignal.timeout(params.ms);
    const signal = options.request.signal === undefined ? timeout : AbortSignal.any([options.request.signal, timeout]);
    // Set on the options object itself: the hooks inside this one (Octokit's retry among them) were bound to it.
    options.request = { ...options.request, signal };
    try {
      return await request(options);
    } catch (error) {
      if (!timeout.aborted) throw error;
      throw new GitHubTimeoutError(`GitHub did not answer ${options.method} ${options.url} within ${String(params.ms)} ms (${params.setting}); try again later, or raise the setting if GitHub is slow rather than down.`, { cause: error });
    }
  });
}
