import type { ProbotOctokit } from "probot";
import type { JobLog } from "../log/job-log.js";
import type { WriteLimiter } from "./create-write-limiter.js";
import { secondaryRateLimitWait } from "./secondary-rate-limit-wait.js";

const WRITE_METHODS = new Set(["POST", "PATCH", "PUT", "DELETE"]);

/**
 * Make every content-creating request of this Octokit wait for the shared
 * write limiter, and retry one that GitHub refused for a secondary rate limit
 * after the time GitHub asks for (such a request did not land). Other errors,
 * including ones after which a request may have landed, are left to the caller.
 */
export function guardWrites(
  octokit: Pick<ProbotOctokit, "hook">,
  params: {
    readonly limiter: WriteLimiter;
    readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
    readonly log: JobLog;
    readonly maxRetries?: number;
  },
): void {
  const maxRetries = params.maxRetries ?? 3;
  octokit.hook.wrap("request", async (request, options) => {
    if (!WRITE_METHODS.has(options.method)) return request(options);
    for (let attempt = 0; ; attempt++) {
      await params.limiter.acquire(options.request.signal);
      try {
        return await request(options);
      } catch (error) {
        const waitMs = secondaryRateLimitWait(error);
        if (waitMs === undefined || attempt >= maxRetries) throw error;
        params.log.warn(
          { method: options.method, url: options.url, waitMs, attempt: attempt + 1 },
          `GitHub secondary rate limit on ${options.method} ${options.url}; retrying in ${Math.round(waitMs / 1000)} s`,
        );
        await params.sleep(waitMs);
      }
    }
  });
}
