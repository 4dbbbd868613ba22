// Run by test/jobs/create-bull-queue.test.ts in a child process (node --import tsx), so the test
// can kill a worker with SIGKILL in the middle of a job: the job starts, says so in Redis, and hangs.
import { Redis } from "ioredis";
import { createBullQueue } from "../../src/jobs/create-bull-queue.js";

const [redisUrl = "", name = ""] = process.argv.slice(2);
const silent = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
const redis = new Redis(redisUrl, { maxRetriesPerRequest: null });
const queue = createBullQueue<{ readonly n: number }>({ redisUrl, name, lockDurationMs: 1000, stalledIntervalMs: 500, log: silent });
queue.process(async (data) => {
  await redis.rpush(`${name}:started`, `child:${String(data.n)}`);
  await new Promise(() => undefined);
});
