import { describe, expect, it } from "vitest";
import { createInProcessQueue } from "../../src/jobs/create-in-process-queue.js";
import { createShutdown } from "../../src/jobs/create-shutdown.js";
import { QueueClosedError } from "../../src/jobs/queue-closed-error.js";
import { createTestLog } from "../helpers/create-test-log.js";

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setImmediate(resolve));
}

describe("createShutdown", () => {
  it("on SIGTERM during a job: stops the timers, takes no new job, aborts the job after the grace period, frees the model, exits 0", async () => {
    const events: string[] = [];
    const queue = createInProcessQueue<string>({ log: createTestLog().log });
    queue.process(async (name, signal) => {
      events.push(`start ${name}`);
      await new Promise<void>((resolve) => {
        signal.addEventListener("abort", () => { resolve(); }, { once: true });
      });
      events.push(`stopped ${name}: ${signal.reason instanceof QueueClosedError ? signal.reason.message : "?"}`);
    });
    queue.add({ id: "1", key: "pr-1", data: "review" });
    await until(() => events.length === 1);
    const shutdown = createShutdown({
      queues: [queue],
      graceMs: 10,
      stopTimers: () => events.push("timers stopped"),
      dispose: () => {
        events.push("model disposed");
        return Promise.resolve();
      },
      exit: (code) => events.push(`exit ${String(code)}`),
      log: createTestLog().log,
    });
    await shutdown("SIGTERM");
    expect(events).toEqual(["start review", "timers stopped", "stopped review: The queue was closed (the process is stopping) while the job ran", "model disposed", "exit 0"]);
    expect(() => queue.add({ id: "2", key: "pr-2", data: "late" })).toThrow(QueueClosedError);
  });

  it("exits 1 at the end of the grace period (plus the margin) while a job is stuck in a request that ignores the abort", async () => {
    const codes: number[] = [];
    const test = createTestLog();
    const stuck = { close: () => new Promise<void>(() => undefined) };
    const shutdown = createShutdown({ queues: [stuck], graceMs: 10, stopMarginMs: 20, exit: (code) => codes.push(code), log: test.log });
    void shutdown("SIGTERM");
    await until(() => codes.length > 0);
    expect(codes).toEqual([1]);
    expect(test.messages("error")).toEqual(["SIGTERM: still stopping 30 ms later (a job or request did not end when aborted); exiting now, its job will be run again"]);
  });

  it("exits at once on a second signal, and with 1 when freeing the model fails", async () => {
    const codes: number[] = [];
    const test = createTestLog();
    let release: () => void = () => undefined;
    const slow = { close: () => new Promise<void>((resolve) => (release = resolve)) };
    const shutdown = createShutdown({ queues: [slow], graceMs: 0, dispose: () => Promise.reject(new Error("busy")), exit: (code) => codes.push(code), log: test.log });
    const first = shutdown("SIGTERM");
    await shutdown("SIGINT");
    expect(codes).toEqual([1]);
    release();
    await first;
    expect(codes).toEqual([1, 1]);
    expect(test.messages("error")).toEqual(["Could not free the model"]);
  });

  it("closes `afterQueues` (the job journal) once every queue is closed and before the model is freed; a failure there exits 1", async () => {
    const events: string[] = [];
    const test = createTestLog();
    const queue = { close: () => Promise.resolve().then(() => { events.push("queue closed"); }) };
    const journal = { close: () => { events.push("journal closed"); return Promise.reject(new Error("disk full")); } };
    const shutdown = createShutdown({ queues: [queue], afterQueues: [journal], graceMs: 10, dispose: () => { events.push("model disposed"); return Promise.resolve(); }, exit: (code) => events.push(`exit ${String(code)}`), log: test.log });
    await shutdown("SIGTERM");
    expect(events).toEqual(["queue closed", "journal closed", "model disposed", "exit 1"]);
    expect(test.messages("error")).toEqual(["Could not close the job journal cleanly (jobs that ended may run again after the restart)"]);
  });
});
