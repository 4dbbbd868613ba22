import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { buildCommandQueue } from "../../src/jobs/build-command-queue.js";
import { buildReviewQueue } from "../../src/jobs/build-review-queue.js";
import { commandJobId, commandJobKey, type CommandJob } from "../../src/jobs/command-job.js";
import { readQueueSettings } from "../../src/jobs/read-queue-settings.js";
import { reviewJobId, reviewJobKey, type ReviewJob } from "../../src/github/review-job.js";
import { createTestLog } from "../helpers/create-test-log.js";
import { assertRedisReachable, REDIS_REQUIRED, REDIS_URL, redisReachable, redisSuiteTitle } from "./redis-test-url.js";
import { pause } from "./redis-helpers.js";

const available = await redisReachable();

const commandJob = (commentId: number): CommandJob => ({
  kind: "command",
  deliveryId: `d-${String(commentId)}`,
  installationId: 1,
  owner: "octo",
  repo: "shop",
  pullNumber: 3,
  command: { name: "help", args: "" },
  author: "mona",
  comment: { kind: "issue", id: commentId },
});
const reviewJob: ReviewJob = { kind: "review", deliveryId: "d-r", installationId: 1, owner: "octo", repo: "shop", pullNumber: 3, headSha: "a".repeat(40), trigger: "opened" };

describe("buildCommandQueue", () => {
  it("without REDIS_URL keeps commands in this process's memory and counts the waiting and running ones", async () => {
    const { queue, counts } = buildCommandQueue({ settings: readQueueSettings({}), concurrency: 1, log: createTestLog().log });
    let release = (): void => undefined;
    const started = new Promise<void>((resolveStarted) => {
      queue.process((job) => {
        resolveStarted();
        return job.comment.id === 1 ? new Promise<void>((resolve) => (release = resolve)) : Promise.resolve();
      });
    });
    const add = (job: CommandJob) => queue.add({ id: commandJobId(job), key: commandJobKey(job), data: job });
    expect([await add(commandJob(1)), await add(commandJob(2))]).toEqual(["queued", "waiting"]);
    await started;
    expect(await counts()).toEqual({ waiting: 1, active: 1 });
    release();
    await queue.onIdle();
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

    it("a `serve` setup stores commands and reviews and never runs one (no model there); a worker runs them", async () => {
      const names = { commands: `commands-${randomUUID()}`, reviews: `reviews-${randomUUID()}` };
      const serveSettings = readQueueSettings({ REDIS_URL, PATCHSMITH_ROLE: "serve" });
      const ran: string[] = [];
      const { queue: commands, counts: commandCounts } = buildCommandQueue({ settings: serveSettings, concurrency: 1, log: createTestLog().log, name: names.commands });
      const reviews = buildReviewQueue({ settings: serveSettings, concurrency: 1, log: createTestLog().log, name: names.reviews });
      commands.process((job) => {
        ran.push(`serve command ${String(job.comment.id)}`);
        return Promise.resolve();
      });
      reviews.queue.process((job) => {
        ran.push(`serve review ${job.headSha.slice(0, 1)}`);
        return Promise.resolve();
      });
      const [first, second, third] = [commandJob(1), commandJob(2), commandJob(3)];
      const add = (job: CommandJob) => commands.add({ id: commandJobId(job), key: commandJobKey(job), data: job });
      expect([await add(first), await add(second), await add(third), await add(first)]).toEqual(["queued", "waiting", "busy", "duplicate"]);
      expect(await reviews.queue.add({ id: reviewJobId(reviewJob), key: reviewJobKey(reviewJob), data: reviewJob, kind: "review" })).toBe("queued");
      // Time enough for a worker, had `process` started one, to take them.
      await pause(300);
      expect(ran).toEqual([]);
      expect(await reviews.counts()).toMatchObject({ waiting: 1, active: 0 });
      // Read from Redis, so a webhook server's /metrics shows what every worker has to do.
      expect(await commandCounts()).toMatchObject({ waiting: 2, active: 0 });
      await commands.close();
      await reviews.queue.close();

      const workerSettings = readQueueSettings({ REDIS_URL, PATCHSMITH_ROLE: "worker" });
      const workerCommands = buildCommandQueue({ settings: workerSettings, concurrency: 1, log: createTestLog().log, name: names.commands }).queue;
      const workerReviews = buildReviewQueue({ settings: workerSettings, concurrency: 1, log: createTestLog().log, name: names.reviews });
      workerCommands.process((job) => {
        ran.push(`worker command ${String(job.comment.id)}`);
        return Promise.resolve();
      });
      workerReviews.queue.process((job) => {
        ran.push(`worker review ${job.headSha.slice(0, 1)}`);
        return Promise.resolve();
      });
      await workerCommands.onIdle();
      await workerReviews.queue.onIdle();
      await workerCommands.close();
      await workerReviews.queue.close();
      expect(ran.sort()).toEqual(["worker command 1", "worker command 2", "worker review a"]);
    });
  });
});
