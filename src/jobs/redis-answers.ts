import { withinMs } from "../time/within-ms.js";

/** How long a call that must answer while Redis may be down (health, counts, close) waits for Redis. */
export const REDIS_ANSWER_MS = 2_000;

/**
 * True when Redis answers PING within REDIS_ANSWER_MS. A connection that is
 * not connected answers false at once: its PING would only wait in ioredis'
 * offline queue (which would grow with every health check while Redis is down).
 */
export function redisAnswers(redis: { readonly status: string; ping(): Promise<unknown> }): Promise<boolean> {
  if (redis.status !== "ready") return Promise.resolve(false);
  return withinMs(
    redis.ping().then(
      () => true,
      () => false,
    ),
    REDIS_ANSWER_MS,
    () => false,
  );
}
