import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createBullCommandQueue, type BullCommandQueue, type BullCommandQueueOptions, type BullCommandResume } from "../../src/jobs/create-bull-command-queue.js";
import { createTestLog } from "../helpers/create-test-log.js";
import { assertRedisReachable, REDIS_REQUIRED, REDIS_URL, redisReachable, redisSuiteTitle } from "./redis-test-url.js";
import { gate, overlapRecorder, until, type Gate } from "./redis-helpers.js";

const available = await redisReachable();
if (!available && !REDIS_REQUIRED) console.warn(redisSuiteTitle("The BullMQ command queue tests", false));
const opened: { close(): Promise<void> }[] = [];
let redis: Redis | undefined;

function newQueue(name: string, options: Partial<Omit<BullCommandQueueOptions, "redisUrl" | "name" | "log">> & BullCommandResume<{ readonly n: string }> = {}): BullCommandQueue<{ readonly n: string }> {
  const queue = createBullCommandQueue<{ readonly n: string }>({ redisUrl: REDIS_URL, name, log: createTestLog().log, backoffMs: 10, busyDelayMs: 20, ...options });
  opened.push(queue);
  return queue;
}

const command = (key: string, n: string) => ({ id: `${key}:issue-comment:${n}`, key, data: { n } });

describe.skipIf(!available && !REDIS_REQUIRED)(redisSuiteTitle("createBullCommandQueue (real redis-server)", available || REDIS_REQUIRED), () => {
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

  it("answers queued, waiting, busy and duplicate exactly when webhooks from two servers arrive at once", async () => {
    const name = `admission-${randomUUID()}`;
    const [one, two] = [newQueue(name), newQueue(name)];
    expect(await one.add(command("o/r#1", "1"))).toBe("queued");
    const answers = await Promise.all(
      [command("o/r#1", "1"), command("o/r#1", "1"), command("o/r#1", "2"), command("o/r#1", "3"), command("o/r#1", "4"), command("o/r#1", "5"), command("o/r#2", "1"), command("o/r#2", "2"), command("o/r#2", "3")].map(
        (job, index) => (index % 2 === 0 ? one : two).add(job),
      ),
    );
    // PR 1: the first command is queued; its two redeliveries are duplicates; of four more, one may wait and three are busy.
    expect(answers.slice(0, 2)).toEqual(["duplicate", "duplicate"]);
    expect(answers.slice(2, 6).sort()).toEqual(["busy", "busy", "busy", "waiting"]);
    // PR 2, at the same time: one queued, one waiting, one busy.
    expect(answers.slice(6).sort()).toEqual(["busy", "queued", "waiting"]);
  });

  it("runs one command per pull request at a time across two workers, in the order they came, and never stops the running one", async () => {
    const name = `order-${randomUUID()}`;
    const producer = newQueue(name, { maxWaitingPerKey: 2 });
    const recorder = overlapRecorder();
    const gates = new Map<string, Gate>([["a", gate()], ["b", gate()], ["c", gate()]]);
    const events: string[] = [];
    const handler = async (data: { readonly n: string }, signal: AbortSignal): Promise<void> => {
      recorder.enter("o/r#4");
      events.push(`start ${data.n}`);
      await gates.get(data.n)?.promise;
      events.push(`${signal.aborted ? "aborted" : "end"} ${data.n}`);
      recorder.leave("o/r#4");
    };
    expect(await producer.add(command("o/r#4", "a"))).toBe("queued");
    expect(await producer.add(command("o/r#4", "b"))).toBe("waiting");
    expect(await producer.add(command("o/r#4", "c"))).toBe("waiting");
    expect(await producer.add(command("o/r#4", "d"))).toBe("busy");
    newQueue(name, { concurrency: 2 }).process(handler);
    newQueue(name, { concurrency: 2 }).process(handler);
    await until(() => events.length === 1);
    // b and c were taken by the idle worker slots and put back while a runs: give them a few turns.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(events).toEqual(["start a"]);
    gates.get("c")?.open();
    gates.get("a")?.open();
    await until(() => events.includes("start b"));
    // c may not pass b even though c's handler would finish at once.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(events).toEqual(["start a", "end a", "start b"]);
    gates.get("b")?.open();
    await producer.onIdle();
    expect(events).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
    expect(recorder.overlaps).toEqual([]);
    // The pull request is free again; a command already run is a duplicate for good.
    expect(await producer.add(command("o/r#4", "a"))).toBe("duplicate");
    expect(await producer.add(command("o/r#4", "e"))).toBe("queued");
  });

  it("keeps stored commands across a restart: a server stores them and stops, a worker started later runs them", async () => {
    const name = `restart-${randomUUID()}`;
    const server = createBullCommandQueue<{ readonly n: string }>({ redisUrl: REDIS_URL, name, log: createTestLog().log });
    expect(await server.add(command("o/r#5", "a"))).toBe("queued");
    expect(await server.add(command("o/r#6", "b"))).toBe("queued");
    await server.close();

    const worker = newQueue(name);
    const ran: string[] = [];
    worker.process((data) => {
      ran.push(data.n);
      return Promise.resolve();
    });
    await worker.onIdle();
    expect(ran.sort()).toEqual(["a", "b"]);
  });

  it("accepts a command whose earlier admission was never stored (its server died before the add) once that turn is over", async () => {
    const name = `dead-turn-${randomUUID()}`;
    const queue = newQueue(name);
    // What a server that died between the admission and BullMQ's add leaves: a turn admitted long ago, no job.
    await redis?.rpush(`patchsmith:${name}:turns:o/r#9`, "1|o/r#9|issue-comment|a");
    expect(await queue.add(command("o/r#9", "a"))).toBe("queued");
    const ran: string[] = [];
    queue.process((data) => {
      ran.push(data.n);
      return Promise.resolve();
    });
    await queue.onIdle();
    expect(ran).toEqual(["a"]);
  });

  it("frees a pull request whose command failed for good, and retries a command that throws", async () => {
    const name = `failures-${randomUUID()}`;
    const queue = newQueue(name, { attempts: 2 });
    let tries = 0;
    const ran: string[] = [];
    queue.process((data) => {
      ran.push(data.n);
      if (data.n === "broken") return Promise.reject(new Error("always fails"));
      tries++;
      return tries === 1 ? Promise.reject(new Error("flaky")) : Promise.resolve();
    });
    expect(await queue.add(command("o/r#8", "broken"))).toBe("queued");
    expect(await queue.add(command("o/r#8", "flaky"))).toBe("waiting");
    await queue.onIdle();
    expect(ran).toEqual(["broken", "broken", "flaky", "flaky"]);
    expect(await queue.add(command("o/r#8", "next"))).toBe("queued");
    await queue.onIdle();
  });

  it("gives a command that ran before (retried, or put back by a shutdown) its resumed form, and a first run its own data", async () => {
    const name = `resume-${randomUUID()}`;
    const resume = (data: { readonly n: string }) => ({ n: `${data.n} (resumed)` });
    const first = newQueue(name, { attempts: 2, resume });
    const ran: string[] = [];
    const started = gate();
    first.process((data, signal) => {
      ran.push(data.n);
      if (data.n === "flaky") return Promise.reject(new Error("flaky"));
      if (data.n === "long") {
        started.open();
        return new Promise((_resolve, reject) => { signal.addEventListener("abort", () => { reject(new Error("stopped")); }); });
      }
      return Promise.resolve();
    });
    expect(await first.add(command("o/r#9", "flaky"))).toBe("queued");
    expect(await first.add(command("o/r#10", "plain"))).toBe("queued");
    await until(() => ran.includes("flaky (resumed)") && ran.includes("plain"));
    expect(await first.add(command("o/r#11", "long"))).toBe("queued");
    await started.promise;
    await first.close({ graceMs: 10 });
    const second = newQueue(name, { attempts: 2, resume });
    second.process((data) => {
      ran.push(data.n);
      return Promise.resolve();
    });
    await until(() => ran.includes("long (resumed)"));
    await second.onIdle();
    expect(ran.filter((n) => n.startsWith("long"))).toEqual(["long", "long (resumed)"]);
    expect(ran).toContain("plain");
    expect(ran).not.toContain("plain (resumed)");
  });
});
