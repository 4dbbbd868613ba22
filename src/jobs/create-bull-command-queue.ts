import { toBullId } from "./create-bull-queue.js";
import type { CommandAdmission, CommandQueue } from "./create-command-queue.js";
import { defineRedisScript } from "./define-redis-script.js";
import { openBullQueue, type BullQueueBaseOptions, type BullQueueCounts } from "./open-bull-queue.js";
import type { QueuedJob } from "./queue.js";
import type { StoredJob } from "./stored-job.js";
import { TURN_STALE_MS, TURNS_LUA } from "./turns-lua.js";

/** The command queue on Redis, plus what only a shared queue can say. */
export interface BullCommandQueue<T> extends CommandQueue<T> {
  add(job: QueuedJob<T>): Promise<CommandAdmission>;
  counts(): Promise<BullQueueCounts>;
  /** True when Redis answers PING. */
  ping(): Promise<boolean>;
}

export interface BullCommandQueueOptions extends BullQueueBaseOptions {
  /** Commands of one key that may wait behind the running one (default 1); more are refused ("busy"). */
  readonly maxWaitingPerKey?: number;
}

/** What a command that ran before (a retry, a dead worker's, one a shutdown stopped) runs with: typed per job. */
export interface BullCommandResume<T> {
  readonly resume?: (data: T) => T;
}

/**
 * The admission, one atomic round trip: the id stored already (waiting,
 * running or done) or admitted already (its turn live) → "duplicate"; more live turns of the
 * key than `maxWaitingPerKey` (the running one plus those waiting) → "busy";
 * else the id takes the last turn: "queued" when it is the only one, "waiting"
 * behind others. Turns that are over are dropped on the way.
 * KEYS: the key's turns. ARGV: bull id, most waiting, BullMQ prefix, ms an admitted job may take to be stored, ms to keep the turns.
 */
const ADMIT_COMMAND_LUA = `${TURNS_LUA}
local id, maxWaiting, prefix, staleMs = ARGV[1], tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
if redis.call("EXISTS", prefix .. id) == 1 then return "duplicate" end
local now = nowMs()
local ahead = 0
for _, entry in ipairs(redis.call("LRANGE", KEYS[1], 0, -1)) do
  if turnLive(prefix, entry, now, staleMs) then
    if turnId(entry) == id then return "duplicate" end
    ahead = ahead + 1
  else
    redis.call("LREM", KEYS[1], 1, entry)
  end
end
if ahead > maxWaiting then return "busy" end
redis.call("RPUSH", KEYS[1], string.format("%d", now) .. "|" .. id)
redis.call("PEXPIRE", KEYS[1], ARGV[5])
if ahead == 0 then return "queued" end
return "waiting"
`;

const TURNS_KEEP_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * The slash-command queue on Redis (BullMQ), with the in-process command
 * queue's rules across every webhook server and worker: per pull request the
 * commands run one at a time in the order they came (a per-key lock, and a
 * list of turns per key), at most `maxWaitingPerKey` wait behind the running
 * one, more are refused ("busy"), and a comment's command is one job however
 * often its webhook is delivered ("duplicate"). The admission is one Lua
 * script, so concurrent webhooks get exact answers. A newer command never
 * stops an older one. It is its own BullMQ queue with its own workers, so
 * commands never wait behind reviews. Stored before `add` resolves; retried
 * with backoff when they throw; taken over when their worker dies.
 */
export function createBullCommandQueue<T extends object>(options: BullCommandQueueOptions & BullCommandResume<T>): BullCommandQueue<T> {
  const { bull, redis, keys, lock, jobOptions, refuseIfClosed, lifecycle } = openBullQueue<T>(options, "fifo");
  const admit = defineRedisScript(redis, { name: "patchsmithAdmitCommand", lua: ADMIT_COMMAND_LUA, numberOfKeys: 1 });
  const maxWaitingPerKey = Math.max(0, options.maxWaitingPerKey ?? 1);

  return {
    ...lifecycle,
    process: (handler) => { lifecycle.process(handler, options.resume); },
    async add(queued) {
      refuseIfClosed(queued.id);
      const jobId = toBullId(queued.id);
      const admission = await admit([keys.turns(queued.key)], [jobId, maxWaitingPerKey, keys.jobPrefix, TURN_STALE_MS, TURNS_KEEP_MS]);
      if (admission === "duplicate" || admission === "busy") return admission;
      if (admission !== "queued" && admission !== "waiting") throw new Error(`Unexpected answer from the command admission script: ${JSON.stringify(admission)}`);
      const stored: StoredJob<T> = { key: queued.key, data: queued.data };
      try {
        await bull.add("command", stored, { ...jobOptions, jobId });
      } catch (error) {
        // Not stored: give the turn back (an owner no lock has, so only the turn goes).
        await lock.release({ key: queued.key, jobId, owner: "" }, { turnOver: true }).catch(() => undefined);
        throw error;
      }
      return admission;
    },
  };
}
