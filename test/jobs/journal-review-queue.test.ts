import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createInProcessQueue } from "../../src/jobs/create-in-process-queue.js";
import { journalReviewQueue, MAX_JOURNAL_STARTS } from "../../src/jobs/journal-review-queue.js";
import { openJobJournal } from "../../src/jobs/open-job-journal.js";
import { producerOnly } from "../../src/jobs/producer-only.js";
import { reviewJobId, reviewJobKey, type ReviewJob } from "../../src/github/review-job.js";
import { createTestLog } from "../helpers/create-test-log.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

const job = (pullNumber: number, headSha = "a".repeat(40)): ReviewJob => ({ kind: "review", deliveryId: `d-${String(pullNumber)}`, installationId: 1, owner: "o", repo: "r", pullNumber, headSha, trigger: "opened" });
const queued = (data: ReviewJob) => ({ id: reviewJobId(data), key: reviewJobKey(data), data, kind: "review" as const });

async function open(file: string) {
  const log = createTestLog();
  const { journal, pending } = await openJobJournal<ReviewJob>({ file });
  return { journal, pending, log };
}

describe("journalReviewQueue", () => {
  it("runs after a restart every job whose add resolved before the process was killed mid-burst", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "journal-queue-"));
    dirs.push(dir);
    const file = path.join(dir, "jobs.jsonl");

    // The first process accepts a burst and is killed before running any of it (nothing is closed).
    const first = await open(file);
    const doomed = journalReviewQueue({ queue: producerOnly(createInProcessQueue<ReviewJob>({ log: first.log.log })), journal: first.journal, log: first.log.log });
    const acknowledged = await Promise.all(Array.from({ length: 150 }, (_, i) => doomed.add(queued(job(i + 1))).then(() => i + 1)));

    // The next process recovers the journal and runs the jobs.
    const second = await open(file);
    const inner = createInProcessQueue<ReviewJob>({ log: second.log.log });
    const queue = journalReviewQueue({ queue: inner, journal: second.journal, log: second.log.log });
    const ran: number[] = [];
    queue.process((data) => {
      ran.push(data.pullNumber);
      return Promise.resolve();
    });
    expect(await queue.recover(second.pending)).toBe(150);
    await queue.onIdle();
    expect(ran.sort((a, b) => a - b)).toEqual(acknowledged);

    // Done jobs are not run a third time.
    await queue.close();
    const third = await open(file);
    expect(third.pending).toEqual([]);
    await third.journal.close();
  });

  it("keeps a job stopped by a shutdown, drops one superseded while waiting, and gives up one that never finishes", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "journal-queue-"));
    dirs.push(dir);
    const file = path.join(dir, "jobs.jsonl");
    const first = await open(file);
    const queue = journalReviewQueue({ queue: createInProcessQueue<ReviewJob>({ log: first.log.log }), journal: first.journal, log: first.log.log });
    let started!: () => void;
    const running = new Promise<void>((resolve) => (started = resolve));
    queue.process((_data, signal) => {
      started();
      return new Promise((resolve) => { signal.addEventListener("abort", () => { resolve(); }); });
    });
    await queue.add(queued(job(1)));
    await running;
    // PR 2: a push supersedes its waiting job.
    await queue.add(queued(job(2, "b".repeat(40))));
    await queue.add(queued(job(2, "c".repeat(40))));
    await queue.close({ graceMs: 0 });

    const second = await open(file);
    expect(second.pending.map((entry) => [entry.data.pullNumber, entry.data.headSha[0], entry.starts])).toEqual([
      [1, "a", 1],
      [2, "c", 0],
    ]);
    await second.journal.close();

    // A job started MAX_JOURNAL_STARTS times without an end is not run again.
    const third = await open(file);
    for (let i = 1; i < MAX_JOURNAL_STARTS; i++) third.journal.started(reviewJobId(job(1)));
    await third.journal.close();
    const fourth = await open(file);
    const again = journalReviewQueue({ queue: producerOnly(createInProcessQueue<ReviewJob>({ log: fourth.log.log })), journal: fourth.journal, log: fourth.log.log });
    expect(await again.recover(fourth.pending)).toBe(1);
    expect(fourth.log.messages("error")).toEqual([expect.stringContaining("started 3 times and never finished")]);
    await fourth.journal.close();
  });
});
