import type { Redis } from "ioredis";
import { defineRedisScript } from "./define-redis-script.js";
import type { QueueRedisKeys } from "./queue-redis-keys.js";
import { TURN_STALE_MS, TURNS_LUA } from "./turns-lua.js";

/**
 * How jobs of one key take turns: "coalesce" (reviews, scans: a job whose key
 * got a newer stored job is superseded and does not run) or "fifo" (commands:
 * jobs of a key run in the order they were admitted).
 */
export type KeyOrder = "coalesce" | "fifo";

/** What `acquire` found: the key is ours now, another job of the key runs (or goes first), or a newer job replaced this one. */
export type AcquireVerdict = "ok" | "busy" | "superseded";

/** What `renew` found. */
export type RenewVerdict = "held" | "lost" | "superseded";

/** One job's hold on its key: `owner` is unique per run, so only the run that took the lock renews or frees it. */
export interface KeyHold {
  readonly key: string;
  readonly jobId: string;
  readonly owner: string;
}

/**
 * The per-key lock that keeps two workers from running jobs of one key (one
 * pull request) at once: SET NX PX, renewed while the job runs, freed at the
 * end only by its owner, and expiring after `lockMs` when the worker dies.
 */
export interface KeyLock {
  acquire(hold: KeyHold): Promise<AcquireVerdict>;
  /**
   * Extend the lock: "lost" when it is no longer this hold's (it expired: the
   * worker stalled); "superseded" (coalesce) when a newer job of the key is
   * stored and not finished, in case the message asking this one to stop never arrived.
   */
  renew(hold: KeyHold): Promise<RenewVerdict>;
  /** Free the lock if it is still this hold's; `turnOver` also ends the job's turn (fifo: the next job of the key may start). */
  release(hold: KeyHold, options: { readonly turnOver: boolean }): Promise<void>;
}

const ACQUIRE_LUA = `${TURNS_LUA}
local order, value, id, prefix = ARGV[1], ARGV[2], ARGV[3], ARGV[5]
if order == "coalesce" then
  local latest = redis.call("GET", KEYS[2])
  if latest and latest ~= id and redis.call("EXISTS", prefix .. latest) == 1 then return "superseded" end
else
  local now, staleMs = nowMs(), tonumber(ARGV[6])
  while true do
    local head = redis.call("LINDEX", KEYS[2], 0)
    if not head then break end
    if turnLive(prefix, head, now, staleMs) then
      if turnId(head) ~= id then
        for _, entry in ipairs(redis.call("LRANGE", KEYS[2], 1, -1)) do
          if turnId(entry) == id then return "busy" end
        end
      end
      break
    end
    redis.call("LPOP", KEYS[2])
  end
end
if redis.call("SET", KEYS[1], value, "NX", "PX", ARGV[4]) then return "ok" end
return "busy"
`;

/**
 * "superseded" only when the key's newest job is stored and not finished. A
 * finished one named newest is no reason to stop: that is so while its id is
 * admitted again (the finished job is removed and the new one stored after the
 * admission; should that add fail, nothing would replace the running job), or
 * when it failed for good.
 */
const RENEW_LUA = `
if redis.call("GET", KEYS[1]) ~= ARGV[1] then return "lost" end
redis.call("PEXPIRE", KEYS[1], ARGV[2])
if ARGV[3] == "coalesce" then
  local latest, prefix = redis.call("GET", KEYS[2]), ARGV[5]
  if latest and latest ~= ARGV[4] and redis.call("EXISTS", prefix .. latest) == 1
    and not (redis.call("ZSCORE", prefix .. "completed", latest) or redis.call("ZSCORE", prefix .. "failed", latest)) then
    return "superseded"
  end
end
return "held"
`;

const RELEASE_LUA = `${TURNS_LUA}
if redis.call("GET", KEYS[1]) == ARGV[1] then redis.call("DEL", KEYS[1]) end
if ARGV[3] == "1" then
  for _, entry in ipairs(redis.call("LRANGE", KEYS[2], 0, -1)) do
    if turnId(entry) == ARGV[2] then redis.call("LREM", KEYS[2], 1, entry) end
  end
end
return 1
`;

/** The lock's value: the owner (a UUID, no spaces), a space, the job id. `add` reads the running job's id from it. */
export const lockValue = (hold: Pick<KeyHold, "owner" | "jobId">): string => `${hold.owner} ${hold.jobId}`;

export function createKeyLock(params: { readonly redis: Redis; readonly keys: QueueRedisKeys; readonly order: KeyOrder; readonly lockMs: number }): KeyLock {
  const { redis, keys, order, lockMs } = params;
  const acquire = defineRedisScript(redis, { name: "patchsmithAcquireKey", lua: ACQUIRE_LUA, numberOfKeys: 2 });
  const renew = defineRedisScript(redis, { name: "patchsmithRenewKey", lua: RENEW_LUA, numberOfKeys: 2 });
  const release = defineRedisScript(redis, { name: "patchsmithReleaseKey", lua: RELEASE_LUA, numberOfKeys: 2 });
  const orderKey = (key: string): string => (order === "coalesce" ? keys.latest(key) : keys.turns(key));
  return {
    async acquire(hold) {
      const verdict = await acquire([keys.lock(hold.key), orderKey(hold.key)], [order, lockValue(hold), hold.jobId, lockMs, keys.jobPrefix, TURN_STALE_MS]);
      if (verdict === "ok" || verdict === "busy" || verdict === "superseded") return verdict;
      throw new Error(`Unexpected answer from the key lock script: ${String(verdict)}`);
    },
    async renew(hold) {
      const verdict = await renew([keys.lock(hold.key), orderKey(hold.key)], [lockValue(hold), lockMs, order, hold.jobId, keys.jobPrefix]);
      if (verdict === "held" || verdict === "lost" || verdict === "superseded") return verdict;
      throw new Error(`Unexpected answer from the key lock script: ${String(verdict)}`);
    },
    async release(hold, options) {
      await release([keys.lock(hold.key), keys.turns(hold.key)], [lockValue(hold), hold.jobId, options.turnOver && order === "fifo" ? "1" : "0"]);
    },
  };
}
