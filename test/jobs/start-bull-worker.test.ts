import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { once } from "node:events";
import { Queue as BullQueue } from "bullmq";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createBullQueue, type BullJobQueue, type BullQueueOptions } from "../../src/jobs/create-bull-queue.js";
import { queueRedisKeys } from "../../src/jobs/queue-redis-keys.js";
import { SupersededError } from "../../src/jobs/superseded-error.js";
import { createTestLog } from "../helpers/create-test-log.js";
import { assertRedisReachable, REDIS_REQUIRED, REDIS_URL, redisReachable, redisSuiteTitle } from "./redis-test-url.js";
import { gate, overlapRecorder, pause, until } from "./redis-helpers.js";
import { startRedisProxy } from "./redis-proxy.js";

// The worker side of the BullMQ queues (startBullWorker), through createBullQueue: per-key
// exclusivity across workers, a newer job stopping a running one on another worker, and the
// per-key lock's expiry when a worker dies.

const available = await redisReachable();
if (!available && !REDIS_REQUIRED) console.warn(redisSuiteTitle("The BullMQ worker tests", false));
const opened: { close(): Promise<void> }[] = [];
let redis: Redis | undefined;

function newQueue<T extends object>(name: string, options: Partial<Omit<BullQueueOptions, "redisUrl" | "name" | "log">> = {}): BullJobQueue<T> {
  const queue = createBullQueue<T>({ redisUrl: REDIS_URL, name, log: createTestLog().log, backoffMs: 10, busyDelayMs: 20, ...options });
  opened.push(queue);
  return queue;
}

interface Data {
  readonly key: string;
  readonly n: number;
}

describe.skipIf(!available && !REDIS_REQUIRED)(redisSuiteTitle("startBullWorker (real redis-server)", available || REDIS_REQUIRED), () => {
  it(`reaches the redis-server at ${REDIS_URL}`, () => {
    expect(available).toBe(true);
  });

  beforeEach(() => {
    assertRedisReachable(available);
  });
  beforeAll(() => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    await Promise.all(opened.map((queue) => queue.close().catch(() => undefined)));
    await redis?.quit();
  });

  it("never runs two jobs of one pull request at once across two workers, even when a stopped job is slow to end", async () => {
    const name = `exclusive-${randomUUID()}`;
    const producer = newQueue<Data>(name);
    const recorder = overlapRecorder();
    const started: string[] = [];
    const ended: string[] = [];
    const added = new Set<string>();
    // Each job runs until the next push of its PR was added, then 60 ms more, ignoring its abort (a review slow to stop).
    const handler = async (data: Data): Promise<void> => {
      recorder.enter(data.key);
      started.push(`${data.key}@${String(data.n)}`);
      if (data.n < 4) await until(() => added.has(`${data.key}@${String(data.n + 1)}`));
      await pause(60);
      ended.push(`${data.key}@${String(data.n)}`);
      recorder.leave(data.key);
    };
    for (const worker of [newQueue<Data>(name, { concurrency: 2 }), newQueue<Data>(name, { concurrency: 2 })]) worker.process(handler);

    // Push after push on two PRs: each newer job arrives while the older one of its PR runs.
    for (let n = 0; n < 5; n++) {
      for (const key of ["o/r#1", "o/r#2"]) {
        expect(await producer.add({ id: `${key}@${String(n)}:review`, key, data: { key, n } })).toBe(n === 0 ? "queued" : "superseded");
        added.add(`${key}@${String(n)}`);
      }
      await until(() => started.includes(`o/r#1@${String(n)}`) && started.includes(`o/r#2@${String(n)}`));
    }
    await producer.onIdle();
    expect(recorder.overlaps).toEqual([]);
    // Every push ran (each was started before the next came), one after the other per PR.
    for (const key of ["o/r#1", "o/r#2"]) {
      const order = started.filter((s) => s.startsWith(`${key}@`));
      expect(order).toEqual([0, 1, 2, 3, 4].map((n) => `${key}@${String(n)}`));
      expect(ended.filter((s) => s.startsWith(`${key}@`))).toEqual(order);
    }
  });

  it("stops the running job on another worker with a SupersededError when a newer job of its pull request comes, and runs the newer one", async () => {
    const name = `supersede-${randomUUID()}`;
    const producer = newQueue<Data>(name);
    const events: string[] = [];
    const reasons: unknown[] = [];
    const worker = (label: string) => async (data: Data, signal: AbortSignal): Promise<void> => {
      events.push(`${label} start ${String(data.n)}`);
      if (data.n === 1) {
        await new Promise<void>((resolve) => {
          signal.addEventListener("abort", () => {
            resolve();
          }, { once: true });
        });
        reasons.push(signal.reason);
        events.push(`${label} stopped ${String(data.n)}`);
      }
    };
    const a = newQueue<Data>(name);
    a.process(worker("a"));
    expect(await producer.add({ id: "o/r#7@1:review", key: "o/r#7", data: { key: "o/r#7", n: 1 } })).toBe("queued");
    await until(() => events.includes("a start 1"));
    const b = newQueue<Data>(name);
    b.process(worker("b"));

    expect(await producer.add({ id: "o/r#7@2:review", key: "o/r#7", data: { key: "o/r#7", n: 2 } })).toBe("superseded");
    await until(() => events.some((e) => e.endsWith("start 2")));
    await producer.onIdle();
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toBeInstanceOf(SupersededError);
    expect((reasons[0] as Error).message).toBe("Job o/r#7@1|review was superseded by o/r#7@2|review");
    // The older job ended (no retry) before the newer one started, on whichever worker took it.
    expect(events.slice(0, 2)).toEqual(["a start 1", "a stopped 1"]);
    expect(events.filter((e) => e.endsWith("start 2"))).toHaveLength(1);
    expect((await producer.counts()).failed).toBe(0);
  });

  it("stops a running job whose pull request got a newer stored job even when the stop message never arrives (the lock renewal notices)", async () => {
    const name = `lost-message-${randomUUID()}`;
    const reasons: unknown[] = [];
    const started: number[] = [];
    const worker = newQueue<Data>(name, { lockDurationMs: 300 });
    worker.process(async (data, signal) => {
      started.push(data.n);
      if (data.n !== 1) return;
      await new Promise<void>((resolve) => {
        signal.addEventListener("abort", () => {
          resolve();
        }, { once: true });
      });
      reasons.push(signal.reason);
    });
    expect(await worker.add({ id: "o/r#9@1:review", key: "o/r#9", data: { key: "o/r#9", n: 1 } })).toBe("queued");
    await until(() => started.includes(1));
    // A newer job stored the way `add` stores it, but without the pub/sub message (lost in a reconnect, say).
    const keys = queueRedisKeys({ name, jobPrefix: `bull:${name}:` });
    const raw = new BullQueue(name, { connection: { url: REDIS_URL } });
    opened.push(raw);
    await raw.add("review", { key: "o/r#9", data: { key: "o/r#9", n: 2 } }, { jobId: "o/r#9@2|review" });
    await redis?.set(keys.latest("o/r#9"), "o/r#9@2|review");
    await until(() => started.includes(2));
    await worker.onIdle();
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toBeInstanceOf(SupersededError);
    expect((reasons[0] as Error).message).toBe("Job o/r#9@1|review was superseded by a newer job of o/r#9");
    expect(started).toEqual([1, 2]);
    expect((await worker.counts()).failed).toBe(0);
  });

  it("never stops the newest job of a pull request when an older push's add arrives after the newer one already runs", async () => {
    const name = `late-add-${randomUUID()}`;
    const proxy = await startRedisProxy(REDIS_URL);
    opened.push(proxy);
    const producer = newQueue<Data & { readonly tag?: string }>(name);
    // A second webhook server whose BullMQ add the test holds on its way to Redis.
    const slowProducer = createBullQueue<Data & { readonly tag?: string }>({ redisUrl: proxy.url, name, log: createTestLog().log });
    opened.push(slowProducer);
    const events: string[] = [];
    const newestMayEnd = gate();
    producer.process(async (data, signal) => {
      events.push(`start ${String(data.n)}`);
      const aborted = new Promise<void>((resolve) => {
        signal.addEventListener("abort", () => {
          resolve();
        }, { once: true });
      });
      await (data.n === 3 ? Promise.race([newestMayEnd.promise, aborted]) : aborted);
      events.push(`${signal.aborted ? "stopped" : "end"} ${String(data.n)}${signal.aborted ? ` (${(signal.reason as Error).message})` : ""}`);
    });
    expect(await producer.add({ id: "o/r#5@1:review", key: "o/r#5", data: { key: "o/r#5", n: 1 } })).toBe("queued");
    await until(() => events.includes("start 1"));
    // Push 2 is admitted on the slow server (push 1 runs), but its add is held; push 3 comes on the other server.
    const held = proxy.holdNext("late-push");
    const late = slowProducer.add({ id: "o/r#5@2:review", key: "o/r#5", data: { key: "o/r#5", n: 2, tag: "late-push" } });
    await held;
    expect(await producer.add({ id: "o/r#5@3:review", key: "o/r#5", data: { key: "o/r#5", n: 3 } })).toBe("superseded");
    await until(() => events.includes("start 3"));
    // Push 2's add goes on while push 3 runs: push 3 is the newest, so nothing is stopped.
    proxy.release();
    expect(await late).toBe("queued");
    newestMayEnd.open();
    await producer.onIdle();
    expect(events).toEqual(["start 1", "stopped 1 (Job o/r#5@1|review was superseded by o/r#5@3|review)", "start 3", "end 3"]);
  });

  it("does not stop the running job while a finished job of its pull request is added again, and not at all when that add fails", async () => {
    const name = `readd-${randomUUID()}`;
    const proxy = await startRedisProxy(REDIS_URL);
    opened.push(proxy);
    const producer = newQueue<Data>(name, { lockDurationMs: 300 });
    // A second webhook server whose BullMQ commands the test holds on their way to Redis.
    const slowProducer = createBullQueue<Data>({ redisUrl: proxy.url, name, log: createTestLog().log });
    opened.push(slowProducer);
    const events: string[] = [];
    const secondMayEnd = gate();
    producer.process(async (data, signal) => {
      events.push(`start ${String(data.n)}`);
      if (data.n === 1) return;
      await Promise.race([
        secondMayEnd.promise,
        new Promise<void>((resolve) => {
          signal.addEventListener("abort", () => {
            resolve();
          }, { once: true });
        }),
      ]);
      events.push(signal.aborted ? `stopped ${String(data.n)} (${(signal.reason as Error).message})` : `end ${String(data.n)}`);
    });
    // Push 1 is reviewed (its job is kept among the completed ones); push 2's review runs.
    await producer.add({ id: "o/r#4@1:review", key: "o/r#4", data: { key: "o/r#4", n: 1 } });
    await producer.onIdle();
    await producer.add({ id: "o/r#4@2:review", key: "o/r#4", data: { key: "o/r#4", n: 2 } });
    await until(() => events.includes("start 2"));
    // A force-push back to push 1: its finished job is admitted again (the key's newest id is push 1 now),
    // and the removal of the finished job, the step after the admission, is held on its way.
    const unwritable = {
      key: "o/r#4",
      n: 1,
      toJSON(): never {
        throw new Error("cannot serialise");
      },
    };
    const held = proxy.holdNext(`bull:${name}:repeat`);
    const readd = slowProducer.add({ id: "o/r#4@1:review", key: "o/r#4", data: unwritable });
    await held;
    // Job 2's lock is renewed three times (every 100 ms) meanwhile.
    const lockKey = `patchsmith:${name}:lock:o/r#4`;
    let renewals = 0;
    let last = Number.POSITIVE_INFINITY;
    await until(async () => {
      const ttl = (await redis?.pttl(lockKey)) ?? -2;
      if (ttl > last) renewals++;
      last = ttl;
      return renewals >= 3 || events.some((event) => event.startsWith("stopped"));
    });
    expect(events).toEqual(["start 1", "start 2"]);
    // The add then fails: nothing newer was stored, so job 2 goes on to its end.
    proxy.release();
    await expect(readd).rejects.toThrow("cannot serialise");
    secondMayEnd.open();
    await producer.onIdle();
    expect(events).toEqual(["start 1", "start 2", "end 2"]);
  });

  it("on shutdown puts back, without running it, a job that the closing worker was handed as another one finished", async () => {
    const name = `close-fetch-${randomUUID()}`;
    const proxy = await startRedisProxy(REDIS_URL);
    opened.push(proxy);
    const producer = newQueue<Data>(name);
    const worker = createBullQueue<Data>({ redisUrl: proxy.url, name, log: createTestLog().log });
    opened.push({ close: () => worker.close().catch(() => undefined) });
    const events: string[] = [];
    const firstMayEnd = gate();
    worker.process(async (data) => {
      events.push(`start ${String(data.n)}`);
      if (data.n === 1) await firstMayEnd.promise;
    });
    await producer.add({ id: "o/r#1@1:review", key: "o/r#1", data: { key: "o/r#1", n: 1 } });
    await until(() => events.includes("start 1"));
    await producer.add({ id: "o/r#2@1:review", key: "o/r#2", data: { key: "o/r#2", n: 2 } });
    // Job 1 ends; BullMQ's "job 1 completed, hand me the next one" is held on its way, and the shutdown starts meanwhile.
    const held = proxy.holdNext(`bull:${name}:completed`);
    firstMayEnd.open();
    await held;
    const closing = worker.close({ graceMs: 60_000 });
    proxy.release();
    await closing;
    expect(events).toEqual(["start 1"]);
    expect((await producer.counts()).waiting).toBe(1);

    const next = newQueue<Data>(name);
    next.process((data) => {
      events.push(`next ran ${String(data.n)}`);
      return Promise.resolve();
    });
    await producer.onIdle();
    expect(events).toEqual(["start 1", "next ran 2"]);
  });

  it("puts a job whose pull request is busy back as delayed without using up an attempt", async () => {
    const name = `busy-${randomUUID()}`;
    const bull = new BullQueue(name, { connection: { url: REDIS_URL } });
    opened.push(bull);
    // Another worker holds the pull request's lock (as a running job would).
    const lockKey = `patchsmith:${name}:lock:o/r#9`;
    await redis?.set(lockKey, "someone-else o/r#9@0|review", "PX", 60_000);
    const queue = newQueue<Data>(name, { attempts: 1 });
    const ran: number[] = [];
    queue.process((data) => {
      ran.push(data.n);
      return Promise.resolve();
    });
    await queue.add({ id: "o/r#9@1:review", key: "o/r#9", data: { key: "o/r#9", n: 1 } });
    // Taken and put back three times while the lock is held; with one attempt, a used-up attempt would fail it.
    await until(async () => ((await bull.getJob("o/r#9@1|review"))?.attemptsStarted ?? 0) >= 3);
    const waiting = await bull.getJob("o/r#9@1|review");
    expect(waiting?.attemptsMade).toBe(0);
    expect(ran).toEqual([]);

    await redis?.del(lockKey);
    await queue.onIdle();
    expect(ran).toEqual([1]);
    expect(await bull.getJobState("o/r#9@1|review")).toBe("completed");
    expect((await queue.counts()).failed).toBe(0);
  });

  it("lets the lock of a killed worker expire, so the pull request's next job runs on another worker", async () => {
    const name = `killed-lock-${randomUUID()}`;
    const producer = newQueue<Data>(name);
    expect(await producer.add({ id: "o/r#3@1:review", key: "o/r#3", data: { key: "o/r#3", n: 1 } })).toBe("queued");
    const child = spawn(process.execPath, ["--import", "tsx", "test/jobs/bull-worker-child.ts", REDIS_URL, name], { stdio: "ignore" });
    await until(async () => (await redis?.llen(`${name}:started`)) === 1);
    const lockKey = `patchsmith:${name}:lock:o/r#3`;
    expect(await redis?.get(lockKey)).toMatch(/ o\/r#3@1\|review$/);
    child.kill("SIGKILL");
    await once(child, "exit");

    // The next push while the dead worker still holds the lock: it waits for the lock to expire (1 s), then runs.
    expect(await producer.add({ id: "o/r#3@2:review", key: "o/r#3", data: { key: "o/r#3", n: 2 } })).toBe("superseded");
    const rescuer = newQueue<Data>(name, { lockDurationMs: 1000, stalledIntervalMs: 200 });
    const ran: number[] = [];
    const holders: (string | null | undefined)[] = [];
    rescuer.process(async (data) => {
      // The holder is recorded before the run is: the wait below ends on `ran`, so both are in by then.
      holders.push(await redis?.get(lockKey));
      ran.push(data.n);
    });
    await until(() => ran.includes(2));
    // It ran holding the pull request's lock, taken over from the dead worker.
    expect(holders).toEqual([expect.stringMatching(/ o\/r#3@2\|review$/)]);
    // The dead worker's job comes back (stalled-job recovery) but a newer job replaced it: it does not run again.
    const bull = new BullQueue(name, { connection: { url: REDIS_URL } });
    opened.push(bull);
    await until(async () => (await bull.getJobState("o/r#3@1|review")) === "completed");
    await producer.onIdle();
    expect(ran).toEqual([2]);
    expect(await redis?.exists(lockKey)).toBe(0);
  });
});
