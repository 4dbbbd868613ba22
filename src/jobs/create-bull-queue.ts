import { defineRedisScript } from "./define-redis-script.js";
import { openBullQueue, type BullQueueBaseOptions, type BullQueueCounts } from "./open-bull-queue.js";
import { JOB_PRIORITY, type AddOutcome, type Queue } from "./queue.js";
import { queueFullMessage } from "./queue-full-message.js";
import type { StoredJob } from "./stored-job.js";
import { TURN_STALE_MS } from "./turns-lua.js";

/** The BullMQ queue, plus what only a shared queue can say. */
export interface BullJobQueue<T> extends Queue<T, Promise<AddOutcome>> {
  counts(): Promise<BullQueueCounts>;
  /** True when Redis answers PING. */
  ping(): Promise<boolean>;
}

export interface BullQueueOptions extends BullQueueBaseOptions {
  /** Most jobs waiting (all instances together); beyond that `add` answers "full". */
  readonly maxWaiting?: number;
}

/** BullMQ refuses ids with ":" (its key separator); ours have them (`owner/repo#pr@sha:kind`). */
export const toBullId = (id: string): string => id.replaceAll(":", "|");

/**
 * One round trip before the job is stored, atomically:
 *  - the same id stored and not finished → "duplicate"; the same id admitted
 *    less than `staleMs` ago and not stored (its add on its way) → "duplicate"
 *    (after that its producer died, or it was done and trimmed: admitted again);
 *  - as many jobs wait as the bound allows, and this one replaces no waiting
 *    job of its key → "full" (with the count);
 *  - else note the id as its key's newest and answer "add", with the key's
 *    waiting job that this one replaces (removed once this one is stored),
 *    whether a job of the key may be running now, and whether a finished job
 *    of this id must be removed first.
 * KEYS: newest-of-key, lock. ARGV: bull id, bound, BullMQ prefix, seconds to keep the newest id, staleMs.
 * (The newest id is kept for exactly ARGV[4] s from its admission, so its PTTL says how long ago that was.)
 */
const ADMIT_LUA = `
local id, bound, prefix = ARGV[1], tonumber(ARGV[2]), ARGV[3]
local function finishedJob(j)
  return redis.call("ZSCORE", prefix .. "completed", j) or redis.call("ZSCORE", prefix .. "failed", j)
end
local function waitingJob(j)
  return redis.call("ZSCORE", prefix .. "prioritized", j) or redis.call("ZSCORE", prefix .. "delayed", j) or redis.call("LPOS", prefix .. "wait", j)
end
local finished = ""
if redis.call("EXISTS", prefix .. id) == 1 then
  if not finishedJob(id) then return {"duplicate"} end
  finished = "1"
end
local previous = redis.call("GET", KEYS[1])
if previous == id and finished == "" and tonumber(ARGV[4]) * 1000 - redis.call("PTTL", KEYS[1]) < tonumber(ARGV[5]) then return {"duplicate"} end
local replace, running = "", ""
if previous and previous ~= id and redis.call("EXISTS", prefix .. previous) == 1 then
  if waitingJob(previous) then replace = previous elseif not finishedJob(previous) then running = "1" end
end
if redis.call("EXISTS", KEYS[2]) == 1 then running = "1" end
if replace == "" then
  local waiting = redis.call("LLEN", prefix .. "wait") + redis.call("ZCARD", prefix .. "prioritized") + redis.call("ZCARD", prefix .. "delayed")
  if waiting >= bound then return {"full", tostring(waiting)} end
end
redis.call("SET", KEYS[1], id, "EX", ARGV[4])
return {"add", replace, running, finished}
`;

/**
 * After the job is stored: if another job of the key holds the lock (runs on
 * some worker), ask that worker to stop it (pub/sub); answers its id. Read
 * after the store, so a job that takes the lock later sees the newer job
 * stored and ends without running instead. The key's newest job is never
 * stopped: when an add arrives late, a newer job may already run.
 * KEYS: lock, newest-of-key. ARGV: channel, the new bull id.
 */
const SUPERSEDE_RUNNING_LUA = `
local holder = redis.call("GET", KEYS[1])
if not holder then return false end
local running = string.sub(holder, string.find(holder, " ", 1, true) + 1)
if running == ARGV[2] or running == redis.call("GET", KEYS[2]) then return false end
redis.call("PUBLISH", ARGV[1], cjson.encode({ jobId = running, by = ARGV[2] }))
return running
`;

/**
 * An add that failed after its admission: the key's newest id is forgotten if
 * it is still this id and no job of it was stored, so adding it again is not
 * answered "duplicate". KEYS: newest-of-key. ARGV: bull id, BullMQ prefix.
 */
const UNADMIT_LUA = `
if redis.call("GET", KEYS[1]) == ARGV[1] and redis.call("EXISTS", ARGV[2] .. ARGV[1]) == 0 then redis.call("DEL", KEYS[1]) end
return 1
`;

const LATEST_TTL_S = 7 * 24 * 60 * 60;

/**
 * The durable queue, on Redis through BullMQ, for several webhook servers and
 * workers: a job is stored (with its key) before `add` resolves, so before the
 * webhook is answered; its id is the dedupe key (`jobId`: the same id twice is
 * one job); commands go before reviews before scans (`priority`); a job that
 * throws is retried with exponential backoff; a job whose worker died is taken
 * over by another once its lock expires (stalled-job recovery).
 *
 * Per key (pull request), across all workers, as in the in-process queue: at
 * most one job runs (a Redis lock per key; a job whose key is busy waits as
 * delayed, without using up an attempt); a newer job removes the waiting
 * older one and stops the running one wherever it runs (pub/sub); a job that
 * a newer one replaced before it started ends without running.
 *
 * An add is two round trips (admission script, BullMQ's add), three when it
 * replaces a waiting job or one of its key runs (removal and stop request go
 * out together). `close` lets running jobs finish
 * for the grace period, then aborts them and puts them back in the queue.
 */
export function createBullQueue<T extends object>(options: BullQueueOptions): BullJobQueue<T> {
  const { log } = options;
  const { bull, redis, keys, jobOptions, refuseIfClosed, lifecycle } = openBullQueue<T>(options, "coalesce");
  const admit = defineRedisScript(redis, { name: "patchsmithAdmitJob", lua: ADMIT_LUA, numberOfKeys: 2 });
  const supersedeRunning = defineRedisScript(redis, { name: "patchsmithSupersedeRunning", lua: SUPERSEDE_RUNNING_LUA, numberOfKeys: 2 });
  const unadmit = defineRedisScript(redis, { name: "patchsmithUnadmitJob", lua: UNADMIT_LUA, numberOfKeys: 1 });
  const maxWaiting = Math.max(1, options.maxWaiting ?? Number.MAX_SAFE_INTEGER);

  return {
    ...lifecycle,
    async add(queued) {
      refuseIfClosed(queued.id);
      const jobId = toBullId(queued.id);
      const answer = await admit([keys.latest(queued.key), keys.lock(queued.key)], [jobId, maxWaiting, keys.jobPrefix, LATEST_TTL_S, TURN_STALE_MS]);
      const [verdict, replace = "", running = "", finished = ""] = Array.isArray(answer) ? answer.map(String) : [];
      if (verdict === "duplicate") {
        log.debug({ jobId: queued.id }, `Job ${queued.id} is already queued or running; ignored`);
        return "duplicate";
      }
      if (verdict === "full") {
        const waiting = Number(replace);
        log.warn({ jobId: queued.id, waiting, bound: maxWaiting }, queueFullMessage({ jobId: queued.id, waiting, bound: maxWaiting }));
        return "full";
      }
      if (verdict !== "add") throw new Error(`Unexpected answer from the admission script: ${JSON.stringify(answer)}`);
      const kind = queued.kind ?? "review";
      const stored: StoredJob<T> = { key: queued.key, data: queued.data };
      try {
        // A finished job of the same id (failed for good, or kept) makes room for the new one.
        if (finished === "1") await bull.remove(jobId);
        await bull.add(kind, stored, { ...jobOptions, jobId, priority: JOB_PRIORITY[kind] });
      } catch (error) {
        // Not stored: undo the admission, so that adding it again (the webhook's redelivery) is not a "duplicate".
        await unadmit([keys.latest(queued.key)], [jobId, keys.jobPrefix]).catch(() => undefined);
        throw error;
      }
      // Coalescing: the key's waiting job is removed (unless a worker took it meanwhile), and a running one is asked to stop.
      const stop = (): Promise<unknown> => supersedeRunning([keys.lock(queued.key), keys.latest(queued.key)], [keys.supersede, jobId]);
      const [removed, stoppedFirst] = await Promise.all([replace === "" ? Promise.resolve(0) : bull.remove(replace), running === "1" ? stop() : Promise.resolve(null)]);
      let stopped = stoppedFirst;
      // The waiting job was taken by a worker between the admission and now: it runs, so it is asked to stop.
      if (replace !== "" && removed !== 1 && running !== "1") stopped = await stop();
      if (removed === 1) log.info({ jobId: replace, by: queued.id }, `Dropped queued job ${replace}: superseded by ${queued.id}`);
      if (typeof stopped === "string") log.info({ jobId: stopped, by: queued.id }, `Asked the worker running job ${stopped} to stop it: superseded by ${queued.id}`);
      return removed === 1 || typeof stopped === "string" ? "superseded" : "queued";
    },
  };
}
