import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { buildScanQueue } from "../../src/jobs/build-scan-queue.js";
import { readQueueSettings } from "../../src/jobs/read-queue-settings.js";
import { enqueueScan } from "../../src/scan/enqueue-scan.js";
import type { ScanJob } from "../../src/scan/scan-job.js";
import { createTestLog } from "../helpers/create-test-log.js";
import { assertRedisReachable, REDIS_REQUIRED, REDIS_URL, redisReachable, redisSuiteTitle } from "./redis-test-url.js";
import { pause } from "./redis-helpers.js";

const available = await redisReachable();
const scan = (repo: string): ScanJob => ({ kind: "scan", installationId: 1, owner: "octo", repo, trigger: "schedule", occurrence: "2024-05-01T03:00:00+00:00" });

describe("buildScanQueue", () => {
  it("without REDIS_URL keeps scans in this process's memory, runs them here one at a time and counts them", async () => {
    const { queue, counts } = buildScanQueue({ settings: readQueueSettings({}), log: createTestLog().log });
    const ran: string[] = [];
    let release = (): void => undefined;
    const started = new Promise<void>((resolveStarted) => {
      queue.process((job) => {
        ran.push(job.repo);
        resolveStarted();
        return job.repo === "shop" ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
      });
    });
    expect(await enqueueScan(queue, scan("shop"))).toBe("queued");
    expect(await enqueueScan(queue, scan("cart"))).toBe("queued");
    await started;
    expect(await counts()).toEqual({ waiting: 1, active: 1 });
    release();
    await queue.onIdle();
    expect(ran).toEqual(["shop", "cart"]);
    expect(await counts()).toEqual({ waiting: 0, active: 0 });
    await queue.close();
  });

  describe.skipIf(!available && !REDIS_REQUIRED)(redisSuiteTitle("with REDIS_URL (real redis-server)", available || REDIS_REQUIRED), () => {
    it(`reaches the redis-server at ${REDIS_URL}`, () => {
      expect(available).toBe(true);
    });

    beforeEach(() => {
      assertRedisReachable(available);
    });

    it("stores scans in Redis from a `serve` instance that never runs one; a worker started after it stopped runs each once", async () => {
      const name = `scans-${randomUUID()}`;
      const ran: string[] = [];
      const { queue: serve, counts } = buildScanQueue({ settings: readQueueSettings({ REDIS_URL, PATCHSMITH_ROLE: "serve" }), log: createTestLog().log, name });
      serve.process((job) => {
        ran.push(`serve ${job.repo}`);
        return Promise.resolve();
      });
      expect(await enqueueScan(serve, scan("shop"))).toBe("queued");
      expect(await enqueueScan(serve, scan("cart"))).toBe("queued");
      expect(await enqueueScan(serve, scan("shop"))).toBe("duplicate");
      // Time enough for a worker, had `process` started one, to take them.
      await pause(300);
      expect(await counts()).toMatchObject({ waiting: 2, active: 0 });
      await serve.close();
      expect(ran).toEqual([]);

      const worker = buildScanQueue({ settings: readQueueSettings({ REDIS_URL, PATCHSMITH_ROLE: "worker" }), log: createTestLog().log, name }).queue;
      worker.process((job) => {
        ran.push(`worker ${job.repo}`);
        return Promise.resolve();
      });
      await worker.onIdle();
      await worker.close();
      expect(ran.sort()).toEqual(["worker cart", "worker shop"]);
    });
  });
});
