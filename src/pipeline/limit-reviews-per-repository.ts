import type { ReviewChange } from "./review-types.js";
import { ReviewRateLimitError } from "../security/review-rate-limit-error.js";

const HOUR = 60 * 60_000;

/**
 * The review engine behind a per-repository limit: at most `perHour` reviews
 * of one repository start in any hour. Over it, the engine is not run (no
 * file is read, the model is not asked) and ReviewRateLimitError says which
 * setting was hit and when a re-run will be accepted; the job reports that on
 * its check run. Reviews without a repository (the CLI) are not limited.
 */
export function limitReviewsPerRepository(reviewChange: ReviewChange, options: { readonly perHour: number; readonly now: () => number }): ReviewChange {
  const started = new Map<string, number[]>();
  return (params) => {
    if (params.repo === undefined) return reviewChange(params);
    const key = `${params.repo.owner}/${params.repo.name}`.toLowerCase();
    const now = options.now();
    const recent = (started.get(key) ?? []).filter((at) => at > now - HOUR);
    if (recent.length >= options.perHour) {
      started.set(key, recent);
      const retry = new Date((recent[0] ?? now) + HOUR).toISOString().slice(11, 16);
      return Promise.reject(
        new ReviewRateLimitError(
          `Limit hit: ${params.repo.owner}/${params.repo.name} has had ${recent.length} reviews in the last hour, the most PATCHSMITH_REVIEWS_PER_REPO_PER_HOUR allows, so this one did not run. Re-run the check after ${retry} UTC.`,
        ),
      );
    }
    recent.push(now);
    started.set(key, recent);
    // Forget repositories with nothing recent, so the map does not grow with every repository ever seen.
    if (started.size > 10_000) for (const [name, times] of started) if (times.every((at) => at <= now - HOUR)) started.delete(name);
    return reviewChange(params);
  };
}
