import { requestErrorInfo } from "./request-error-info.js";

/** GitHub's advice when a secondary rate limit names no retry-after: wait at least a minute. */
const DEFAULT_WAIT_MS = 60_000;

/**
 * How long to wait before retrying a request GitHub refused for a secondary
 * rate limit (403 or 429 with `retry-after`, or a message that says so), or
 * undefined when the error is something else. Such a request did not land, so
 * retrying it is safe.
 */
export function secondaryRateLimitWait(error: unknown): number | undefined {
  const info = requestErrorInfo(error);
  if (info.status !== 403 && info.status !== 429) return undefined;
  const retryAfter = Number(info.headers["retry-after"]);
  const saysSecondary = /secondary rate limit/i.test(info.message);
  if (Number.isFinite(retryAfter) && info.headers["retry-after"] !== undefined) return Math.max(0, retryAfter) * 1000;
  return saysSecondary || info.status === 429 ? DEFAULT_WAIT_MS : undefined;
}
