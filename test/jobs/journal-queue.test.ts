import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createCommandQueue, type CommandAdmission } from "../../src/jobs/create-command-queue.js";
import { journalQueue } from "../../src/jobs/journal-queue.js";
import { openJobJournal } from "../../src/jobs/open-job-journal.js";
import { createTestLog } from "../helpers/create-test-log.js";

interface Job {
  readonly n: number;
  readonly resumed?: true;
}

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function journalPath(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "journal-queue-"));
  dirs.push(dir);
  return path.join(dir, "command-journal.jsonl");
}

const toQueued = (job: Job) => ({ id: `job-${String(job.n)}`, key: "pr", data: job, kind: "command" as const });

describe("journalQueue", () => {
  it("keeps a job the queue refused (busy) out of the journal, and one stopped by the shutdown in it", async () => {
    const file = await journalPath();
    const log = createTestLog();
    const { journal } = await openJobJournal<Job>({ file });
    const inner = createCommandQueue<Job>({ maxWaitingPerKey: 1, log: log.log });
    const queue = journalQueue<Job, CommandAdmission>({ queue: inner, journal, log: log.log, toQueued, refused: ["busy"] });
    let started = 0;
    queue.process((_job, signal) => {
      started++;
      return new Promise((resolve) => { signal.addEventListener("abort", () => { resolve(); }, { once: true }); });
    });
    expect([await queue.add(toQueued({ n: 1 })), await queue.add(toQueued({ n: 2 })), await queue.add(toQueued({ n: 3 }))]).toEqual(["queued", "waiting", "busy"]);
    while (started === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await queue.close({ graceMs: 0 });

    const reopened = await openJobJournal<Job>({ file });
    expect(reopened.pending.map((entry) => [entry.id, entry.starts])).toEqual([["job-1", 1], ["job-2", 0]]);
    await reopened.journal.close();
  });

  it("queues again what a stopped process left, marking as resumed only the jobs a process had started", async () => {
    const file = await journalPath();
    const log = createTestLog();
    const before = await openJobJournal<Job>({ file });
    await before.journal.record("job-1", { n: 1 });
    before.journal.started("job-1");
    await before.journal.record("job-2", { n: 2 });
    await before.journal.close();

    const { journal, pending } = await openJobJournal<Job>({ file });
    const ran: Job[] = [];
    const inner = createCommandQueue<Job>({ maxWaitingPerKey: 1, log: log.log });
    const queue = journalQueue<Job, CommandAdmission>({ queue: inner, journal, log: log.log, toQueued, refused: ["busy"], resume: (job) => ({ ...job, resumed: true }) });
    queue.process((job) => {
      ran.push(job);
      return Promise.resolve();
    });
    expect(await queue.recover(pending)).toBe(2);
    await queue.onIdle();
    expect(ran).toEqual([{ n: 1, resumed: true }, { n: 2 }]);
    await queue.close();
    const after = await openJobJournal<Job>({ file });
    expect(after.pending).toEqual([]);
    await after.journal.close();
  });
});
