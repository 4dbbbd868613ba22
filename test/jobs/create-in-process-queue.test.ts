import { describe, expect, it } from "vitest";
import { createInProcessQueue } from "../../src/jobs/create-in-process-queue.js";
import { QueueClosedError } from "../../src/jobs/queue-closed-error.js";
import { SupersededError } from "../../src/jobs/superseded-error.js";
import { createTestLog } from "../helpers/create-test-log.js";

interface Gate {
  readonly promise: Promise<void>;
  open(): void;
}

function gate(): Gate {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

/** Resolves once `check` holds, polling on macrotask turns (no timers, no time limits). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
}

describe("createInProcessQueue", () => {
  it("returns from add before the job starts, then runs jobs one at a time in order", async () => {
    const events: string[] = [];
    const queue = createInProcessQueue<string>({ log: createTestLog().log });
    const gates = new Map([["a", gate()], ["b", gate()]]);
    queue.process(async (name) => {
      events.push(`start ${name}`);
      await gates.get(name)?.promise;
      events.push(`end ${name}`);
    });
    expect(queue.add({ id: "a", key: "pr-1", data: "a" })).toBe("queued");
    expect(queue.add({ id: "b", key: "pr-2", data: "b" })).toBe("queued");
    expect(events).toEqual([]);
    await until(() => events.length === 1);
    gates.get("a")?.open();
    await until(() => events.length === 3);
    expect(events).toEqual(["start a", "end a", "start b"]);
    gates.get("b")?.open();
    await queue.onIdle();
    expect(events).toEqual(["start a", "end a", "start b", "end b"]);
    expect(queue.size()).toBe(0);
  });

  it("ignores a job whose id is already pending or running", async () => {
    const seen: string[] = [];
    const queue = createInProcessQueue<string>({ log: createTestLog().log });
    expect(queue.add({ id: "x", key: "k", data: "first" })).toBe("queued");
    expect(queue.add({ id: "x", key: "k", data: "second" })).toBe("duplicate");
    queue.process((data) => {
      seen.push(data);
      return Promise.resolve();
    });
    await queue.onIdle();
    expect(seen).toEqual(["first"]);
  });

  it("drops a pending job of the same key when a newer one arrives", async () => {
    const seen: string[] = [];
    const queue = createInProcessQueue<string>({ log: createTestLog().log });
    queue.add({ id: "old", key: "pr-1", data: "old" });
    expect(queue.add({ id: "new", key: "pr-1", data: "new" })).toBe("superseded");
    queue.process((data) => {
      seen.push(data);
      return Promise.resolve();
    });
    await queue.onIdle();
    expect(seen).toEqual(["new"]);
  });

  it("aborts a running job of the same key with SupersededError and runs the newer one after it settles", async () => {
    const events: string[] = [];
    const reasons: unknown[] = [];
    const queue = createInProcessQueue<string>({ concurrency: 2, log: createTestLog().log });
    queue.process(async (name, signal) => {
      events.push(`start ${name}`);
      if (name === "old") {
        await new Promise<void>((resolve) => { signal.addEventListener("abort", () => { resolve(); }, { once: true }); });
        reasons.push(signal.reason);
      }
      events.push(`end ${name}`);
    });
    queue.add({ id: "old", key: "pr-1", data: "old" });
    await until(() => events.length === 1);
    expect(queue.add({ id: "new", key: "pr-1", data: "new" })).toBe("superseded");
    await queue.onIdle();
    expect(events).toEqual(["start old", "end old", "start new", "end new"]);
    expect(reasons[0]).toBeInstanceOf(SupersededError);
  });

  it("runs different keys side by side up to the concurrency", async () => {
    let running = 0;
    let most = 0;
    const open = gate();
    const queue = createInProcessQueue<number>({ concurrency: 2, log: createTestLog().log });
    queue.process(async () => {
      running++;
      most = Math.max(most, running);
      await open.promise;
      running--;
    });
    for (let i = 0; i < 5; i++) queue.add({ id: String(i), key: `pr-${i}`, data: i });
    await until(() => running === 2);
    open.open();
    await queue.onIdle();
    expect(most).toBe(2);
  });

  it("logs a failing job and goes on with the next", async () => {
    const test = createTestLog();
    const seen: string[] = [];
    const queue = createInProcessQueue<string>({ log: test.log });
    queue.process((data) => {
      if (data === "bad") return Promise.reject(new Error("boom"));
      seen.push(data);
      return Promise.resolve();
    });
    queue.add({ id: "1", key: "a", data: "bad" });
    queue.add({ id: "2", key: "b", data: "good" });
    await queue.onIdle();
    expect(seen).toEqual(["good"]);
    expect(test.messages("error")).toEqual(["Job 1 failed"]);
  });

  it("on close aborts running jobs with QueueClosedError, drops pending ones and refuses new ones", async () => {
    const reasons: unknown[] = [];
    const started: string[] = [];
    const queue = createInProcessQueue<string>({ log: createTestLog().log });
    queue.process(async (name, signal) => {
      started.push(name);
      await new Promise<void>((resolve) => { signal.addEventListener("abort", () => { resolve(); }, { once: true }); });
      reasons.push(signal.reason);
    });
    queue.add({ id: "1", key: "a", data: "running" });
    queue.add({ id: "2", key: "b", data: "pending" });
    await until(() => started.length === 1);
    await queue.close();
    expect(started).toEqual(["running"]);
    expect(reasons[0]).toBeInstanceOf(QueueClosedError);
    expect(() => queue.add({ id: "3", key: "c", data: "late" })).toThrow(QueueClosedError);
  });

  it("runs waiting commands before reviews before scans, oldest first within a kind", async () => {
    const ran: string[] = [];
    const queue = createInProcessQueue<string>({ log: createTestLog().log });
    queue.add({ id: "s", key: "scan", data: "scan", kind: "scan" });
    queue.add({ id: "r1", key: "pr-1", data: "review 1" });
    queue.add({ id: "r2", key: "pr-2", data: "review 2", kind: "review" });
    queue.add({ id: "c", key: "pr-3", data: "command", kind: "command" });
    queue.process((name) => {
      ran.push(name);
      return Promise.resolve();
    });
    await queue.onIdle();
    expect(ran).toEqual(["command", "review 1", "review 2", "scan"]);
  });

  it("refuses a job beyond the waiting bound with a clear message, but a newer push of a waiting key still fits", async () => {
    const test = createTestLog();
    const dropped: string[] = [];
    const queue = createInProcessQueue<string>({ maxWaiting: 2, log: test.log, onDrop: (job, reason) => dropped.push(`${job.id} ${reason}`) });
    expect(queue.add({ id: "a@1", key: "a", data: "a1" })).toBe("queued");
    expect(queue.add({ id: "b@1", key: "b", data: "b1" })).toBe("queued");
    expect(queue.add({ id: "c@1", key: "c", data: "c1" })).toBe("full");
    expect(queue.add({ id: "a@2", key: "a", data: "a2" })).toBe("superseded");
    expect(queue.size()).toBe(2);
    expect(test.messages("warn")).toEqual(["Queue full: 2 jobs are waiting (bound 2, PATCHSMITH_QUEUE_MAX_WAITING); job c@1 was refused. Add workers or raise the bound."]);
    expect(dropped).toEqual(["a@1 superseded"]);
    await queue.close();
    expect(dropped).toEqual(["a@1 superseded", "b@1 closed", "a@2 closed"]);
  });

  it("on close with a grace period lets a running job finish, and aborts one that outlasts it", async () => {
    const events: string[] = [];
    const finishing = gate();
    const queue = createInProcessQueue<string>({ concurrency: 2, log: createTestLog().log });
    queue.process(async (name, signal) => {
      events.push(`start ${name}`);
      if (name === "quick") {
        await finishing.promise;
        events.push(`end ${name} aborted=${String(signal.aborted)}`);
        return;
      }
      await new Promise<void>((resolve) => {
        signal.addEventListener("abort", () => { resolve(); }, { once: true });
      });
      events.push(`aborted ${name}: ${signal.reason instanceof QueueClosedError ? "QueueClosedError" : "?"}`);
    });
    queue.add({ id: "1", key: "a", data: "quick" });
    queue.add({ id: "2", key: "b", data: "slow" });
    await until(() => events.length === 2);
    const closing = queue.close({ graceMs: 20 });
    finishing.open();
    await closing;
    expect(events).toEqual(["start quick", "start slow", "end quick aborted=false", "aborted slow: QueueClosedError"]);
  });
});
