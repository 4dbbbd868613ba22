import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defaultRepoConfig } from "../../src/config/repo-config.js";
import { createRedisScanLock } from "../../src/scan/create-redis-scan-lock.js";
import { createScanScheduler } from "../../src/scan/create-scan-scheduler.js";
import type { ScanJob } from "../../src/scan/scan-job.js";
import { createTestLog } from "../helpers/create-test-log.js";
import { REDIS_REQUIRED, REDIS_URL, redisReachable, redisSuiteTitle } from "../jobs/redis-test-url.js";

const available = await redisReachable();

describe.skipIf(!available && !REDIS_REQUIRED)(redisSuiteTitle("createRedisScanLock (real redis-server)", available || REDIS_REQUIRED), () => {
  const prefix = `patchsmith-test:${randomUUID()}:`;
  const log = createTestLog().log;
  const instances = [createRedisScanLock({ redisUrl: REDIS_URL, log, prefix }), createRedisScanLock({ redisUrl: REDIS_URL, log, prefix })] as const;
  let redis: Redis;

  beforeAll(() => {
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await Promise.all([...instances.map((lock) => lock.close()), redis.quit()]);
  });

  it("gives a key to one instance until it is released, with a time to live", async () => {
    const [a, b] = instances;
    const lease = await a.acquire("scan-scheduled:octo/api@2024-05-06T03:17:00.000Z", 60_000);
    expect(lease).toBeDefined();
    expect(await b.acquire("scan-scheduled:octo/api@2024-05-06T03:17:00.000Z", 60_000)).toBeUndefined();
    const ttl = await redis.pttl(`${prefix}scan-scheduled:octo/api@2024-05-06T03:17:00.000Z`);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(60_000);
    await lease?.release();
    expect(await b.acquire("scan-scheduled:octo/api@2024-05-06T03:17:00.000Z", 60_000)).toBeDefined();
  });

  it("never frees a key another instance took after this lease lapsed", async () => {
    const [a, b] = instances;
    const first = await a.acquire("scan-run:octo/web", 60_000);
    // As if the lease's time to live ran out.
    await redis.del(`${prefix}scan-run:octo/web`);
    const second = await b.acquire("scan-run:octo/web", 60_000);
    expect(second).toBeDefined();
    await first?.release();
    expect(await a.acquire("scan-run:octo/web", 60_000)).toBeUndefined();
    await second?.release();
    expect(await a.acquire("scan-run:octo/web", 60_000)).toBeDefined();
  });

  it("lets only one of two instances schedule a due scan", async () => {
    let now = Date.parse("2024-05-06T02:55:00Z");
    const enqueued: ScanJob[] = [];
    const schedulers = instances.map((lock) =>
      createScanScheduler({
        listInstallations: () => Promise.resolve([{ id: 1, account: "octo" }]),
        listRepositories: () => Promise.resolve([{ installationId: 1, owner: "octo", repo: "api", archived: false, disabled: false }]),
        loadConfig: () => Promise.resolve(defaultRepoConfig),
        lock,
        enqueue: (job) => enqueued.push(job),
        now: () => now,
        log,
        spreadMs: 0,
      }),
    );
    now = Date.parse("2024-05-06T03:05:00Z");
    await Promise.all(schedulers.map((scheduler) => scheduler.tick()));
    expect(enqueued).toEqual([{ kind: "scan", installationId: 1, owner: "octo", repo: "api", trigger: "schedule", occurrence: "2024-05-06T03:00:00.000Z" }]);
  });
});
