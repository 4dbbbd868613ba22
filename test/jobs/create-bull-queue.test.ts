import { spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import { once } from "node:events";
import { Redis } from "ioredis";
import { createNodeMiddleware } from "probot";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { readAppSettings } from "../../src/config/app-settings.js";
import { createBullQueue, type BullJobQueue } from "../../src/jobs/create-bull-queue.js";
import { producerOnly } from "../../src/jobs/producer-only.js";
import { reviewJobId, reviewJobKey, type ReviewJob } from "../../src/github/review-job.js";
import { createTestLog } from "../helpers/create-test-log.js";
import { createTestProbot } from "../helpers/create-test-probot.js";
import { loadPayload } from "../helpers/load-payload.js";
import { assertRedisReachable, REDIS_REQUIRED, REDIS_URL, redisReachable, redisSuiteTitle } from "./redis-test-url.js";

const available = await redisReachable();
if (!available && !REDIS_REQUIRED) console.warn(redisSuiteTitle("The BullMQ queue tests", false));
const opened: BullJobQueue<never>[] = [];
let redis: Redis | undefined;

/** A queue on a fresh name (so tests never see each other's jobs), closed after the file. */
function newQueue<T extends object>(name: string, options: { readonly maxWaiting?: number; readonly lockDurationMs?: number; readonly stalledIntervalMs?: number; readonly attempts?: number } = {}): BullJobQueue<T> {
  const queue = createBullQueue<T>({ redisUrl: REDIS_URL, name, log: createTestLog().log, backoffMs: 10, ...options });
  opened.push(queue as unknown as BullJobQueue<never>);
  return queue;
}

async function until(check: () => Promise<boolean> | boolean): Promise<void> {
  while (!(await check())) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe.skipIf(!available && !REDIS_REQUIRED)(redisSuiteTitle("createBullQueue (real redis-server)", available || REDIS_REQUIRED), () => {
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

  it("answers 200 signed pull_request deliveries for 50 PRs arriving at once, then reviews each PR exactly once, at its latest head", async () => {
    const name = `deliveries-${randomUUID()}`;
    const producer = newQueue<ReviewJob>(name);
    const log = createTestLog();
    const probot = createTestProbot();
    const middleware = await createNodeMiddleware(
      createApp({ reviewChange: () => Promise.reject(new Error("not used")), queue: producerOnly(producer), settings: readAppSettings({}), now: Date.now, sleep: () => Promise.resolve(), log: log.log }),
      { probot },
    );
    const server: Server = createServer((req, res) => void middleware(req, res));
    server.listen(0, "127.0.0.1");
    await once(server, "listening");
    const address = server.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;

    // 50 PRs, 4 pushes each: 200 deliveries, sent all at once in a shuffled order.
    const latest = new Map<number, string>();
    const deliveries = [];
    for (let push = 0; push < 4; push++) {
      for (let pr = 1; pr <= 50; pr++) {
        const sha = `${pr.toString(16).padStart(4, "0")}${push.toString(16).padStart(36, "0")}`;
        latest.set(pr, sha);
        const payload = loadPayload("pull_request.synchronize");
        payload.number = pr;
        Object.assign(payload.pull_request ?? {}, { number: pr, head: { ...(payload.pull_request?.head as object), sha } });
        deliveries.push({ id: `delivery-${String(pr)}-${String(push)}`, body: JSON.stringify(payload) });
      }
    }
    deliveries.sort((a, b) => (a.id < b.id ? -1 : 1));
    const statuses = await Promise.all(
      deliveries.map(async ({ id, body }) => {
        const response = await fetch(`http://127.0.0.1:${String(port)}/api/github/webhooks`, {
          method: "POST",
          body,
          headers: {
            "content-type": "application/json",
            "x-github-event": "pull_request",
            "x-github-delivery": id,
            "x-hub-signature-256": `sha256=${createHmac("sha256", "test-secret").update(body).digest("hex")}`,
          },
        });
        await response.text();
        return response.status;
      }),
    );
    server.close();
    expect(statuses.filter((s) => s !== 200)).toEqual([]);
    // Every delivery was stored before its answer; coalescing left at least one job per PR and never more than one per push.
    const stored = await producer.counts();
    expect(stored.waiting).toBeGreaterThanOrEqual(50);
    expect(stored.waiting).toBeLessThanOrEqual(200);

    // Two workers. Each job does what runReviewJob does: read the PR's head; a stale job queues the head and stops;
    // a head already reviewed is up to date (the marker in GitHub); otherwise post one review.
    const posted = new Map<number, string[]>();
    const handler = async (job: ReviewJob): Promise<void> => {
      const head = latest.get(job.pullNumber) ?? "";
      if (job.headSha !== head) {
        const next: ReviewJob = { ...job, headSha: head };
        await producer.add({ id: reviewJobId(next), key: reviewJobKey(next), data: next });
        return;
      }
      const done = posted.get(job.pullNumber) ?? [];
      if (!done.includes(head)) posted.set(job.pullNumber, [...done, head]);
    };
    const workers = [newQueue<ReviewJob>(name), newQueue<ReviewJob>(name)];
    for (const worker of workers) worker.process(handler);
    await producer.onIdle();

    expect(posted.size).toBe(50);
    for (const [pr, heads] of posted) expect(heads).toEqual([latest.get(pr)]);
  });

  it("finishes the job of a worker killed in the middle of it on another worker, with one review posted", async () => {
    const name = `killed-${randomUUID()}`;
    const producer = newQueue<{ n: number }>(name);
    expect(await producer.add({ id: "owner/repo#1@abc:review", key: "owner/repo#1", data: { n: 1 } })).toBe("queued");
    const child = spawn(process.execPath, ["--import", "tsx", "test/jobs/bull-worker-child.ts", REDIS_URL, name], { stdio: "ignore" });
    await until(async () => (await redis?.llen(`${name}:started`)) === 1);
    child.kill("SIGKILL");
    await once(child, "exit");

    const rescuer = newQueue<{ n: number }>(name, { lockDurationMs: 1000, stalledIntervalMs: 200 });
    rescuer.process(async (data) => {
      await redis?.rpush(`${name}:posted`, `rescuer:${String(data.n)}`);
    });
    await until(async () => (await redis?.llen(`${name}:posted`)) === 1);
    await producer.onIdle();
    expect(await redis?.lrange(`${name}:started`, 0, -1)).toEqual(["child:1"]);
    expect(await redis?.lrange(`${name}:posted`, 0, -1)).toEqual(["rescuer:1"]);
  });

  it("on shutdown lets a running job finish within the grace period, and puts back one that does not", async () => {
    const name = `shutdown-${randomUUID()}`;
    const producer = newQueue<{ n: number }>(name);
    const first = createBullQueue<{ n: number }>({ redisUrl: REDIS_URL, name, log: createTestLog().log });
    const events: string[] = [];
    let release: () => void = () => undefined;
    first.process(async (data) => {
      events.push(`first start ${String(data.n)}`);
      await new Promise<void>((resolve) => (release = resolve));
      events.push(`first end ${String(data.n)}`);
    });
    await producer.add({ id: "job-1", key: "pr-1", data: { n: 1 } });
    await until(() => events.length === 1);
    // A graceful close while job 1 runs: it finishes (it is released inside the grace period).
    const closing = first.close({ graceMs: 60_000 });
    release();
    await closing;
    expect(events).toEqual(["first start 1", "first end 1"]);

    const second = createBullQueue<{ n: number }>({ redisUrl: REDIS_URL, name, log: createTestLog().log });
    second.process(async (data, signal) => {
      events.push(`second start ${String(data.n)}`);
      await new Promise<void>((resolve) => { signal.addEventListener("abort", () => { resolve(); }, { once: true }); });
      events.push(`second aborted ${String(data.n)}`);
    });
    await producer.add({ id: "job-2", key: "pr-2", data: { n: 2 } });
    await until(() => events.includes("second start 2"));
    await second.close({ graceMs: 10 });
    expect((await producer.counts()).waiting).toBe(1);

    const third = newQueue<{ n: number }>(name);
    third.process((data) => {
      events.push(`third ran ${String(data.n)}`);
      return Promise.resolve();
    });
    await producer.onIdle();
    expect(events).toEqual(["first start 1", "first end 1", "second start 2", "second aborted 2", "third ran 2"]);
  });

  it("deduplicates by job id, replaces the waiting job of a key, runs commands before reviews before scans, and refuses jobs beyond the bound", async () => {
    const name = `rules-${randomUUID()}`;
    const queue = newQueue<{ n: string }>(name, { maxWaiting: 4 });
    expect(await queue.add({ id: "o/r#1@a:review", key: "o/r#1", data: { n: "review 1@a" }, kind: "review" })).toBe("queued");
    expect(await queue.add({ id: "o/r#1@a:review", key: "o/r#1", data: { n: "again" }, kind: "review" })).toBe("duplicate");
    expect(await queue.add({ id: "o/r#1@b:review", key: "o/r#1", data: { n: "review 1@b" }, kind: "review" })).toBe("superseded");
    expect(await queue.add({ id: "o/r:scan", key: "o/r:scan", data: { n: "scan" }, kind: "scan" })).toBe("queued");
    expect(await queue.add({ id: "o/r#2@c:review", key: "o/r#2", data: { n: "review 2@c" }, kind: "review" })).toBe("queued");
    expect(await queue.add({ id: "o/r#3:command", key: "o/r#3", data: { n: "command" }, kind: "command" })).toBe("queued");
    expect(await queue.add({ id: "o/r#4@d:review", key: "o/r#4", data: { n: "one too many" }, kind: "review" })).toBe("full");
    const ran: string[] = [];
    queue.process((data) => {
      ran.push(data.n);
      return Promise.resolve();
    });
    await queue.onIdle();
    expect(ran).toEqual(["command", "review 1@b", "review 2@c", "scan"]);
  });

  it("accepts a job again after its add failed, or after its producer died between the admission and the add", async () => {
    const name = `failed-add-${randomUUID()}`;
    const queue = newQueue<{ n: number }>(name);
    // The first add fails after the admission (its data cannot be written); the webhook's redelivery adds it again.
    let failOnce = true;
    const unwritable = {
      n: 1,
      toJSON(): { n: number } {
        if (failOnce) {
          failOnce = false;
          throw new Error("cannot serialise");
        }
        return { n: 1 };
      },
    };
    await expect(queue.add({ id: "o/r#1@a:review", key: "o/r#1", data: unwritable })).rejects.toThrow("cannot serialise");
    expect(await queue.add({ id: "o/r#1@a:review", key: "o/r#1", data: unwritable })).toBe("queued");
    // A producer admitted o/r#2@b a minute ago and died before storing it (as the admission leaves it: the key's newest id, kept 7 days).
    await redis?.set(`patchsmith:${name}:waiting:o/r#2`, "o/r#2@b|review", "PX", 7 * 24 * 60 * 60 * 1000 - 61_000);
    expect(await queue.add({ id: "o/r#2@b:review", key: "o/r#2", data: { n: 2 } })).toBe("queued");
    const ran: number[] = [];
    queue.process((data) => {
      ran.push(data.n);
      return Promise.resolve();
    });
    await queue.onIdle();
    expect(ran.sort()).toEqual([1, 2]);
  });

  it("retries a job that throws, with backoff, until it succeeds", async () => {
    const name = `retry-${randomUUID()}`;
    const queue = newQueue<{ n: number }>(name, { attempts: 3 });
    let tries = 0;
    queue.process(() => {
      tries++;
      return tries < 3 ? Promise.reject(new Error(`try ${String(tries)} failed`)) : Promise.resolve();
    });
    await queue.add({ id: "flaky", key: "flaky", data: { n: 1 } });
    await queue.onIdle();
    expect(tries).toBe(3);
    expect((await queue.counts()).failed).toBe(0);
    expect(await queue.ping()).toBe(true);
  });
});
