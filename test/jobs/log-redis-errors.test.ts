import { EventEmitter } from "node:events";
import { createServer } from "node:net";
import { Worker } from "bullmq";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createBullQueue } from "../../src/jobs/create-bull-queue.js";
import { logRedisErrors } from "../../src/jobs/log-redis-errors.js";
import { withinMs } from "../../src/time/within-ms.js";
import { createMetrics } from "../../src/server/create-metrics.js";
import { createTestLog } from "../helpers/create-test-log.js";

/** A loopback port nothing listens on (taken, then freed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => { resolve(); }));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

describe("logRedisErrors", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("logs each new message once, and the same one again only after a minute", () => {
    const logged = createTestLog();
    const { log } = logged;
    const emitter = new EventEmitter();
    let clock = 0;
    logRedisErrors(emitter, log, "The review queue", () => clock);
    emitter.emit("error", new Error("connect ECONNREFUSED 127.0.0.1:6379"));
    clock = 1_000;
    emitter.emit("error", new Error("connect ECONNREFUSED 127.0.0.1:6379"));
    emitter.emit("error", new Error("getaddrinfo ENOTFOUND redis"));
    clock = 62_000;
    emitter.emit("error", new Error("getaddrinfo ENOTFOUND redis"));
    expect(logged.messages("warn")).toEqual([
      "The review queue cannot reach Redis (connect ECONNREFUSED 127.0.0.1:6379); it carries on once Redis answers",
      "The review queue cannot reach Redis (getaddrinfo ENOTFOUND redis); it carries on once Redis answers",
      "The review queue cannot reach Redis (getaddrinfo ENOTFOUND redis); it carries on once Redis answers",
    ]);
  });

  it("a queue whose Redis is down says so in the app's log (not as an unhandled error on the console), and its health and counts answer", async () => {
    const printed = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const logged = createTestLog();
    const { log } = logged;
    const port = await closedPort();
    const queue = createBullQueue<{ n: number }>({ redisUrl: `redis://127.0.0.1:${String(port)}`, name: "down", log });
    await vi.waitFor(() => {
      expect(logged.messages("warn").some((m) => m.includes("cannot reach Redis") && m.includes("ECONNREFUSED"))).toBe(true);
    }, { timeout: 5_000 });
    // /healthz and /metrics get an answer (ioredis would hold the commands until Redis is back).
    expect(await queue.ping()).toBe(false);
    await expect(queue.counts()).rejects.toThrow(/Redis is not connected \(\w+\): the down queue's counts cannot be read/);
    const metrics = createMetrics({ counts: { review: () => queue.counts(), command: () => ({ waiting: 1, active: 0 }) }, defaults: false });
    const text = await metrics.registry.metrics();
    expect(text).toContain('patchsmith_jobs_queued{kind="command"} 1');
    expect(text).not.toContain('kind="review"');
    expect(printed.mock.calls.flat().join(" ")).not.toContain("Unhandled error event");
    await queue.close();
  });

  it("a worker whose Redis is down logs its failed reconnections once, not one error line each", async () => {
    const emitted = vi.spyOn(Worker.prototype, "emit");
    const workerErrors = (): number => emitted.mock.calls.filter(([event]) => event === "error").length;
    const logged = createTestLog();
    const queue = createBullQueue<{ n: number }>({ redisUrl: `redis://127.0.0.1:${String(await closedPort())}`, name: "down-worker", log: logged.log });
    queue.process(() => Promise.resolve());
    // BullMQ's worker reports every failed reconnection as an error event.
    await vi.waitFor(() => {
      expect(workerErrors()).toBeGreaterThanOrEqual(3);
    }, { timeout: 30_000, interval: 50 });
    expect(logged.messages("error").filter((m) => m.startsWith("Queue worker error"))).toEqual([expect.stringContaining("ECONNREFUSED")]);
    void queue.close();
  });

  it("a queue whose worker runs closes with Redis down (BullMQ's own close waits for Redis to come back)", async () => {
    const logged = createTestLog();
    const queue = createBullQueue<{ n: number }>({ redisUrl: `redis://127.0.0.1:${String(await closedPort())}`, name: "down-close", log: logged.log });
    queue.process(() => Promise.resolve());
    await vi.waitFor(() => {
      expect(logged.messages("warn").some((m) => m.includes("cannot reach Redis"))).toBe(true);
    }, { timeout: 5_000 });
    // Not a speed check: without the fix the close never ends; 30 s only turns that hang into a failure.
    const outcome = await withinMs(queue.close({ graceMs: 0 }).then(() => "closed"), 30_000, () => "still closing after 30 s");
    expect(outcome).toBe("closed");
    expect(logged.messages("warn")).toContainEqual(expect.stringMatching(/^The down-close worker stopped waiting for Redis to close/));
  });
});
