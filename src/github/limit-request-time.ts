import type { ProbotOctokit } from "probot";
import { rejectOnAbort } from "../time/reject-on-abort.js";

/** Thrown when GitHub did not answer one API request (successfully) within PATCHSMITH_GITHUB_TIMEOUT_MS. */
export class GitHubTimeoutError extends Error {
  override readonly name = "GitHubTimeoutError";
}

/**
 * Give every request of this Octokit at most `ms` to be answered, Octokit's
 * own retries included, so a connection GitHub never answers cannot hold a
 * job (and its pull request's lock) for many minutes. The limit holds even
 * while a retry waits for its turn. When GitHub did answer, with a server
 * error that was retried until the time ran out, the error says so (the
 * status, not "did not answer"). A request that streams its body (a
 * repository archive for a scan) is left to its own limits. A signal the
 * caller passed still aborts the request too.
 */
export function limitRequestTime(octokit: Pick<ProbotOctokit, "hook">, params: { readonly ms: number; readonly setting: string }): void {
  octokit.hook.wrap("request", async (request, options) => {
    if (options.request.parseSuccessResponseBody === false) return request(options);
    const timeout = AbortSignal.timeout(params.ms);
    const signal = options.request.signal === undefined ? timeout : AbortSignal.any([options.request.signal, timeout]);
    // The status of GitHub's last answer, seen below the retries (which only show the final error).
    const last: { status?: number } = {};
    const fetch: typeof globalThis.fetch = (options.request.fetch as typeof globalThis.fetch | undefined) ?? globalThis.fetch;
    const recordingFetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
      const response = await fetch(input, init);
      last.status = response.status;
      return response;
    };
    // Set on the options object itself: the hooks inside this one (Octokit's retry among them) were bound to it.
    options.request = { ...options.request, signal, fetch: recordingFetch };
    try {
      return await Promise.race([request(options), rejectOnAbort(timeout)]);
    } catch (error) {
      if (!timeout.aborted) throw error;
      const what = `${options.method} ${options.url}`;
      const limit = `${String(params.ms)} ms (${params.setting})`;
      const message =
        last.status !== undefined && last.status >= 500
          ? `GitHub answered ${String(last.status)} (a server error) to ${what}, retried until ${limit} ran out; GitHub is failing: try again later.`
          : `GitHub did not answer ${what} within ${limit}; try again later, or raise the setting if GitHub is slow rather than down.`;
      throw new GitHubTimeoutError(message, { cause: error });
    }
  });
}
