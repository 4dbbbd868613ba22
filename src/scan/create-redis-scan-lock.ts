import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { logRedisErrors } from "../jobs/log-redis-errors.js";
import type { JobLog } from "../log/job-log.js";
import type { ScanLease, ScanLock } from "./scan-lock.js";

/** Deletes the key only while it still holds this lease's token (a lapsed lease never frees its successor's key). */
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/**
 * A ScanLock every instance shares through Redis (REDIS_URL): `SET key token
 * NX PX ttl` takes a key, a compare-and-delete script releases it. An
 * unreachable Redis makes `acquire` throw, so the scheduler logs it and tries
 * again at the next tick rather than scanning twice.
 */
export function createRedisScanLock(params: { readonly redisUrl: string; readonly log: JobLog; readonly prefix?: string }): ScanLock & { close(): Promise<void> } {
  const redis = new Redis(params.redisUrl, { maxRetriesPerRequest: 2, enableOfflineQueue: true });
  logRedisErrors(redis, params.log, "The scan lock (scans are not scheduled meanwhile)");
  const prefix = params.prefix ?? "patchsmith:scan-lock:";
  return {
    async acquire(key, ttlMs) {
      const token = randomUUID();
      const name = prefix + key;
      const taken = await redis.set(name, token, "PX", Math.max(1, Math.round(ttlMs)), "NX");
      if (taken !== "OK") return undefined;
      const lease: ScanLease = {
        async release() {
          await redis.eval(RELEASE, 1, name, token);
        },
      };
      return lease;
    },
    async close() {
      await redis.quit().catch(() => undefined);
    },
  };
}
