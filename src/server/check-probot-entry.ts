import { InvalidSettingsError } from "../config/app-settings.js";

/**
 * Refuse to start when REDIS_URL is set and the app was started by
 * `probot run` rather than patchsmith's own entry: Probot would then have put
 * its rate limiter (bottleneck) on Redis, whose scripts fail on Redis 7 once
 * their keys expire or are evicted, and every GitHub call would fail until
 * they came back. `patchsmith start` (`npm start`, the Docker image) keeps
 * REDIS_URL from Probot (see probotEnv).
 */
export function checkProbotEntry(params: { readonly env: Readonly<Record<string, string | undefined>>; readonly startedByPatchsmith: boolean }): void {
  const redisUrl = params.env.REDIS_URL?.trim();
  if (params.startedByPatchsmith || redisUrl === undefined || redisUrl === "") return;
  throw new InvalidSettingsError(
    "REDIS_URL is set and patchsmith was started with `probot run`, which hands REDIS_URL to Probot's rate limiter: on Redis 7 every GitHub call then fails once its keys expire. Start it with `patchsmith start` (`npm start`; the Docker image's default), or `patchsmith serve` / `patchsmith worker`. Nothing was started.",
  );
}
