import { Queue as BullQueue } from "bullmq";
import { Redis } from "ioredis";
import { toBullId } from "./create-bull-queue.js";
import type { CommandAdmission, CommandQueue } from "./create-command-queue.js";
import { createKeyLock } from "./create-key-lock.js";
import { defineRedisScript } from "./define-redis-script.js";
import type { JobLog } from "./job-log.js";
import type { CloseOptions, QueuedJob } from "./queue.js";
import { QueueClosedError } from "./queue-closed-error.js";
import { queueRedisKeys } from "./queue-redis-keys.js";
import { startBullWorker, type BullWorker } from "./start-bull-worker.js";
import type { StoredJob } from "./stored-job.js";
import { TURN_STALE_MS, TURNS_LUA } from "./turns-lua.js";

/** The command queue on Redis, plus a health check. */
export interface BullCommandQueue<T> extends CommandQueue<T> {
  add(job: QueuedJob<T>): Promise<CommandAdmission>;
  /** True when Redis answers PING. */
  ping(): Promise<boolean>;
}

export interface BullCommandQueueOptions {
  readonly redisUrl: string;
  /** The queue's name; webhook servers and workers that share it share the commands. */
  readonly name: string;
  /** Commands this process runs at once once `process` is called. */
  readonly concurrency?: number;
  /** Commands of one key that may wait behind the running one (default 1); more are refused ("busy"). */
  readonly maxWaitingPerKey?: number;
  readonly attempts?: number;
  readonly backoffMs?: number;
  readonly lockDurationMs?: number;
  readonly stalledIntervalMs?: number;
  readonly busyDelayMs?: number;
  readonly log: JobLog;
}

/**
 * The admission, one atomic round trip: the id stored already (waiting,
 * running or done) or admitted already → "duplicate"; more live turns of the
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
  if turnId(entry) == id then return "duplicate" end
  if turnLive(prefix, entry, now, staleMs) then ahead = ahead + 1 else redis.call("LREM", KEYS[1], 1, entry) end
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
export function createBullCommandQueue<T extends object>(options: BullCommandQueueOptions): BullCommandQueue<T> {
  const { log, name } = options;
  const connection = { url: options.redisUrl, maxRetriesPerRequest: null };
  const bull = new BullQueue(name, { connection });
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  const keys = queueRedisKeys({ name, jobPrefix: bull.toKey("") });
  const admit = defineRedisScript(redis, { name: "patchsmithAdmitCommand", lua: ADMIT_COMMAND_LUA, numberOfKeys: 1 });
  const lockDurationMs = options.lockDurationMs ?? 30_000;
  const lock = createKeyLock({ redis, keys, order: "fifo", lockMs: lockDurationMs });
  const maxWaitingPerKey = Math.max(0, options.maxWaitingPerKey ?? 1);
  let worker: BullWorker | undefined;
  let closed = false;

  return {
    async add(queued) {
      if (closed) throw new QueueClosedError(`The queue is closed; job ${queued.id} was not added.`);
      const jobId = toBullId(queued.id);
      const admission = await admit([keys.turns(queued.key)], [jobId, maxWaitingPerKey, keys.jobPrefix, TURN_STALE_MS, TURNS_KEEP_MS]);
      if (admission === "duplicate" || admission === "busy") return admission;
      if (admission !== "queued" && admission !== "waiting") throw new Error(`Unexpected answer from the command admission script: ${JSON.stringify(admission)}`);
      const stored: StoredJob<T> = { key: queued.key, data: queued.data };
      try {
        await bull.add("command", stored, {
          jobId,
          attempts: options.attempts ?? 3,
          backoff: { type: "exponential", delay: options.backoffMs ?? 5_000 },
          removeOnComplete: { count: 1000 },
          removeOnFail: { count: 1000 },
        });
      } catch (error) {
        // Not stored: give the turn back (an owner no lock has, so only the turn goes).
        await lock.release({ key: queued.key, jobId, owner: "" }, { turnOver: true }).catch(() => undefined);
        throw error;
      }
      return admission;
    },
    process(handler) {
      if (worker !== undefined) throw new Error("process() was already called on this queue");
      if (closed) throw new QueueClosedError("The queue is closed; it runs no more jobs.");
      worker = startBullWorker<T>(
        {
          name,
          connection,
          redis,
          lock,
          concurrency: Math.max(1, options.concurrency ?? 1),
          lockDurationMs,
          stalledIntervalMs: options.stalledIntervalMs ?? 30_000,
          busyDelayMs: options.busyDelayMs ?? 1_000,
          log,
        },
        handler,
      );
    },
    async onIdle() {
      for (;;) {
        const counts = await bull.getJobCounts("wait", "prioritized", "delayed", "active");
        if (Object.values(counts).every((n) => n === 0)) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    size: () => worker?.active() ?? 0,
    async ping() {
      try {
        await redis.ping();
        return true;
      } catch {
        return false;
      }
    },
    async close(closeOptions: CloseOptions = {}) {
      closed = true;
      await worker?.close(closeOptions.graceMs ?? 0);
      await bull.close();
      await redis.quit();
    },
  };
}
