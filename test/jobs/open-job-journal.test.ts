import { appendFile, mkdtemp, open, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openJobJournal, type JournalHandle } from "../../src/jobs/open-job-journal.js";

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});
async function journalPath(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "journal-"));
  dirs.push(dir);
  return path.join(dir, "nested", "jobs.jsonl");
}

describe("openJobJournal", () => {
  it("gives back, at the next open, the jobs recorded and not done (without close: as after a SIGKILL)", async () => {
    const file = await journalPath();
    const first = await openJobJournal<{ n: number }>({ file });
    expect(first.pending).toEqual([]);
    await first.journal.record("a", { n: 1 });
    await first.journal.record("b", { n: 2 });
    await first.journal.record("c", { n: 3 });
    first.journal.done("b");
    first.journal.started("c");
    first.journal.update("c", { n: 30 });
    // The background lines are written with the next durable record.
    await first.journal.record("d", { n: 4 });

    const second = await openJobJournal<{ n: number }>({ file });
    expect(second.pending).toEqual([
      { id: "a", data: { n: 1 }, starts: 0 },
      { id: "c", data: { n: 30 }, starts: 1 },
      { id: "d", data: { n: 4 }, starts: 0 },
    ]);
    await second.journal.close();
    await first.journal.close();
  });

  it("writes a job recorded twice once, and skips a line cut short by a crash", async () => {
    const file = await journalPath();
    const { journal } = await openJobJournal<{ n: number }>({ file });
    await journal.record("a", { n: 1 });
    await journal.record("a", { n: 1 });
    expect(journal.has("a")).toBe(true);
    await journal.close();
    expect((await readFile(file, "utf8")).trim().split("\n")).toHaveLength(1);
    await appendFile(file, '{"op":"add","id":"b","da');

    const reopened = await openJobJournal<{ n: number }>({ file });
    expect(reopened.pending.map((entry) => entry.id)).toEqual(["a"]);
    await reopened.journal.close();
  });

  it("rewrites itself to the pending jobs once it has grown", async () => {
    const file = await journalPath();
    const { journal } = await openJobJournal<{ n: number }>({ file, compactAfterLines: 10 });
    for (let n = 0; n < 20; n++) {
      await journal.record(`j${String(n)}`, { n });
      journal.done(`j${String(n)}`);
    }
    await journal.record("last", { n: 99 });
    await journal.close();
    expect((await readFile(file, "utf8")).trim().split("\n").length).toBeLessThan(10);
    const reopened = await openJobJournal<{ n: number }>({ file });
    expect(reopened.pending.map((entry) => entry.id)).toEqual(["last"]);
    await reopened.journal.close();
  });

  it("a write that failed leaves the job unrecorded: a repeat (a redelivery) waits for the write in flight, fails with it, and the next one writes it", async () => {
    const file = await journalPath();
    let diskFull = true;
    const openAppend = async (name: string): Promise<JournalHandle> => {
      const real = await open(name, "a");
      return {
        write: (text: string) => (diskFull ? Promise.reject(new Error("ENOSPC: no space left on device")) : real.write(text)),
        datasync: () => real.datasync(),
        close: () => real.close(),
      };
    };
    const { journal } = await openJobJournal<{ n: number }>({ file, openAppend });
    const first = journal.record("a", { n: 1 });
    const repeat = journal.record("a", { n: 1 });
    await expect(first).rejects.toThrow(/Could not write the job journal/);
    await expect(repeat).rejects.toThrow(/Could not write the job journal/);
    expect(journal.has("a")).toBe(false);

    diskFull = false;
    await journal.record("a", { n: 1 });
    expect(journal.has("a")).toBe(true);
    await journal.close();
    const reopened = await openJobJournal<{ n: number }>({ file });
    expect(reopened.pending.map((entry) => entry.id)).toEqual(["a"]);
    await reopened.journal.close();
  });
});
