import { InvalidSettingsError } from "../config/app-settings.js";

/**
 * Refuse to start when REDIS_URL is set and the app was started by
 * `probot run` rather than patchsmith's own entry: Probot would then have put
 * its rate limiter (bottleneck) on Redis, whose scripts fail on Redis 7 once
 * their keys expire or are evicted, and every GitHub call would fail until
 * they came back. `patchsmith start` (`npm start`, the Docker image) keeps
 * REDIS_URL from Probot (see probotEnv).
 */
export function checkProbotEntry(params: { readonly env: Readonly<Record<string, string | undefined>>; readonly argv: readonly string[]; readonly startedByPatchsmith: boolean }): void {
  if (params.startedByPatchsmith) return;
  const redisUrl = params.env.REDIS_URL?.trim();
  // `probot run --redis-url URL` does the same as REDIS_URL.
  const flag = params.argv.some((arg) => arg === "--redis-url" || arg.startsWith("--redis-url="));
  if (!flag && (redisUrl === undefined || redisUrl === "")) return;
  const setting = flag ? "--redis-url" : "REDIS_URL";
  throw new InvalidSettingsError(
    `${setting} is set and patchsmith was started with \`probot run\`, which hands it to Probot's rate limiter: on Redis 7 every GitHub call then fails once its keys expire. Start it with \`patchsmith start\` (\`npm start\`; the Docker image's default), or \`patchsmith serve\` / \`patchsmith worker\`, with REDIS_URL in the environment. Nothing was started.`,
  );
}
