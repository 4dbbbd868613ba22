/**
 * The environment Probot itself reads: everything but REDIS_URL. With it,
 * Probot puts its rate limiter (bottleneck) on Redis, whose scripts fail on
 * Redis 7 once their keys expire (bottleneck expects `SETTINGS_KEY_NOT_FOUND`,
 * Redis 7 says `ERR SETTINGS_KEY_NOT_FOUND`), and every GitHub call then fails
 * until the keys come back. patchsmith paces its writes itself
 * (PATCHSMITH_WRITES_PER_MINUTE); REDIS_URL is its job queue's alone.
 */
export function probotEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => name !== "REDIS_URL"));
}
