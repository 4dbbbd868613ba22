import { createHmac } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { createNodeMiddleware } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { createApp, type AppDeps } from "../src/app.js";
import { readAppSettings } from "../src/config/app-settings.js";
import { createInProcessQueue } from "../src/jobs/create-in-process-queue.js";
import { openJobJournal } from "../src/jobs/open-job-journal.js";
import { producerOnly } from "../src/jobs/producer-only.js";
import type { AddOutcome, Queue, QueuedJob } from "../src/jobs/queue.js";
import type { ReviewJob } from "../src/github/review-job.js";
import { createTestLog } from "./helpers/create-test-log.js";
import { createTestProbot } from "./helpers/create-test-probot.js";
import { emptyResult, fakeReviewChange } from "./helpers/fake-review-change.js";
import { loadPayload, webhookEvent } from "./helpers/load-payload.js";

const SECRET = "test-secret";
const sign = (body: string): string => `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;

let server: Server | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await new Promise<void>((resolve) => {
    if (server === undefined) resolve();
    else server.close(() => { resolve(); });
  });
  server = undefined;
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** createApp behind Probot's real webhook middleware on a loopback port. */
async function startServer(deps: Partial<AppDeps> & Pick<AppDeps, "queue">): Promise<string> {
  const log = createTestLog();
  const middleware = await createNodeMiddleware(
    createApp({ reviewChange: fakeReviewChange(emptyResult()), settings: readAppSettings({}), now: () => 0, sleep: () => Promise.resolve(), log: log.log, ...deps }),
    { probot: createTestProbot() },
  );
  server = createServer((req, res) => {
    void middleware(req, res, () => {
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`;
}

async function deliver(url: string, deliveryId: string): Promise<number> {
  const body = JSON.stringify(loadPayload("pull_request.opened"));
  const response = await fetch(url, { method: "POST", body, headers: { "content-type": "application/json", "x-github-event": "pull_request", "x-github-delivery": deliveryId, "x-hub-signature-256": sign(body) } });
  await response.text();
  return response.status;
}

describe("a delivery is acknowledged only once its job is stored", () => {
  it("answers 503 while the queue cannot store the job (Redis down), then handles the redelivery once", async () => {
    const log = createTestLog();
    const inner = createInProcessQueue<ReviewJob>({ log: log.log });
    let redisDown = true;
    // The first add waits forever, as a BullMQ add does in ioredis' offline queue.
    const queue: Queue<ReviewJob, AddOutcome | Promise<AddOutcome>> = {
      ...inner,
      add: (job: QueuedJob<ReviewJob>) => (redisDown ? new Promise<AddOutcome>(() => undefined) : inner.add(job)),
    };
    const reviewed: string[] = [];
    inner.process((job) => {
      reviewed.push(job.deliveryId);
      return Promise.resolve();
    });
    const url = await startServer({ queue: producerOnly(queue), recordJobMs: 50 });

    expect(await deliver(url, "delivery-1")).toBe(503);
    redisDown = false;
    // GitHub's redelivery keeps the delivery id: it must not be ignored as already handled.
    expect(await deliver(url, "delivery-1")).toBe(200);
    expect(await deliver(url, "delivery-1")).toBe(200);
    await inner.onIdle();
    expect(reviewed).toEqual(["delivery-1"]);
  });
});

describe("a redelivery flood makes one check run", () => {
  it("500 deliveries with the job journal: one journal line, no GitHub write at delivery", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "flood-"));
    dirs.push(dir);
    const log = createTestLog();
    const queue = createInProcessQueue<ReviewJob>({ log: log.log });
    const journal = await openJobJournal<ReviewJob>({ file: path.join(dir, "jobs.jsonl") });
    const probot = createTestProbot();
    await probot.load(createApp({ reviewChange: fakeReviewChange(emptyResult()), queue: producerOnly(queue), journal, settings: readAppSettings({}), now: () => 0, sleep: () => Promise.resolve(), log: log.log, recordJobMs: 120_000 }));

    await Promise.all(Array.from({ length: 500 }, (_, i) => probot.receive(webhookEvent("pull_request.opened", `flood-${String(i)}`))));

    expect(queue.size()).toBe(1);
    await journal.journal.close();
    const reopened = await openJobJournal<ReviewJob>({ file: path.join(dir, "jobs.jsonl") });
    expect(reopened.pending.map((entry) => entry.data.pullNumber)).toEqual([2]);
    await reopened.journal.close();
  });
});
