import { describe, expect, it } from "vitest";
import { createCommandQueue } from "../../src/jobs/create-command-queue.js";
import { QueueClosedError } from "../../src/jobs/queue-closed-error.js";
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

function recorder(gates: ReadonlyMap<string, Gate>): { events: string[]; handler: (name: string, signal: AbortSignal) => Promise<void> } {
  const events: string[] = [];
  return {
    events,
    handler: async (name, signal) => {
      events.push(`start ${name}`);
      const aborted = new Promise((resolve) => {
        signal.addEventListener("abort", resolve);
      });
      await Promise.race([gates.get(name)?.promise, aborted]);
      events.push(signal.aborted ? `aborted ${name}` : `end ${name}`);
    },
  };
}

describe("createCommandQueue", () => {
  it("runs one command per key at a time, lets one wait, refuses a third, and never aborts the running one", async () => {
    const gates = new Map([["a", gate()], ["b", gate()]]);
    const { events, handler } = recorder(gates);
    const queue = createCommandQueue<string>({ concurrency: 4, log: createTestLog().log });
    queue.process(handler);
    expect(queue.add({ id: "a", key: "pr-1", data: "a" })).toBe("queued");
    expect(queue.add({ id: "b", key: "pr-1", data: "b" })).toBe("waiting");
    expect(queue.add({ id: "c", key: "pr-1", data: "c" })).toBe("busy");
    expect(queue.size()).toBe(2);
    await until(() => events.length === 1);
    expect(events).toEqual(["start a"]);
    gates.get("a")?.open();
    await until(() => events.length === 3);
    expect(events).toEqual(["start a", "end a", "start b"]);
    // With a slot free again, a new command of the same key may wait.
    expect(queue.add({ id: "d", key: "pr-1", data: "d" })).toBe("waiting");
    gates.get("b")?.open();
    gates.set("d", gate());
    gates.get("d")?.open();
    await queue.onIdle();
    expect(events).toEqual(["start a", "end a", "start b", "end b", "start d", "end d"]);
  });

  it("runs commands of different keys side by side, up to the concurrency", async () => {
    const gates = new Map([["a", gate()], ["b", gate()], ["c", gate()]]);
    const { events, handler } = recorder(gates);
    const queue = createCommandQueue<string>({ concurrency: 2, log: createTestLog().log });
    queue.process(handler);
    expect(queue.add({ id: "a", key: "pr-1", data: "a" })).toBe("queued");
    expect(queue.add({ id: "b", key: "pr-2", data: "b" })).toBe("queued");
    expect(queue.add({ id: "c", key: "pr-3", data: "c" })).toBe("queued");
    await until(() => events.length === 2);
    expect(events).toEqual(["start a", "start b"]);
    gates.get("b")?.open();
    await until(() => events.length === 4);
    expect(events).toEqual(["start a", "start b", "end b", "start c"]);
    gates.get("a")?.open();
    gates.get("c")?.open();
    await queue.onIdle();
  });

  it("counts a waiting command of a key even before anything of that key runs", () => {
    const queue = createCommandQueue<string>({ log: createTestLog().log });
    // No handler yet: nothing starts.
    expect(queue.add({ id: "a", key: "k", data: "a" })).toBe("queued");
    expect(queue.add({ id: "b", key: "k", data: "b" })).toBe("waiting");
    expect(queue.add({ id: "c", key: "k", data: "c" })).toBe("busy");
    expect(queue.add({ id: "a", key: "k", data: "a again" })).toBe("duplicate");
  });

  it("ignores a command already running", async () => {
    const gates = new Map([["a", gate()]]);
    const { events, handler } = recorder(gates);
    const queue = createCommandQueue<string>({ log: createTestLog().log });
    queue.process(handler);
    queue.add({ id: "a", key: "k", data: "a" });
    await until(() => events.length === 1);
    expect(queue.add({ id: "a", key: "k", data: "a" })).toBe("duplicate");
    gates.get("a")?.open();
    await queue.onIdle();
    expect(events).toEqual(["start a", "end a"]);
  });

  it("logs a failing job and goes on with the next", async () => {
    const test = createTestLog();
    const seen: string[] = [];
    const queue = createCommandQueue<string>({ log: test.log });
    queue.process((name) => {
      seen.push(name);
      return name === "bad" ? Promise.reject(new Error("boom")) : Promise.resolve();
    });
    queue.add({ id: "bad", key: "k", data: "bad" });
    queue.add({ id: "good", key: "k", data: "good" });
    await queue.onIdle();
    expect(seen).toEqual(["bad", "good"]);
    expect(test.messages("error")).toEqual(["Job bad failed"]);
  });

  it("close aborts the running command, drops the waiting one and refuses new ones", async () => {
    const gates = new Map([["a", gate()]]);
    const { events, handler } = recorder(gates);
    const queue = createCommandQueue<string>({ log: createTestLog().log });
    queue.process(handler);
    queue.add({ id: "a", key: "k", data: "a" });
    queue.add({ id: "b", key: "k", data: "b" });
    await until(() => events.length === 1);
    await queue.close();
    expect(events).toEqual(["start a", "aborted a"]);
    expect(queue.size()).toBe(0);
    expect(() => queue.add({ id: "c", key: "k", data: "c" })).toThrow(QueueClosedError);
  });

  it("close lets the running command finish within the grace period", async () => {
    const gates = new Map([["a", gate()]]);
    const { events, handler } = recorder(gates);
    const queue = createCommandQueue<string>({ log: createTestLog().log });
    queue.process(handler);
    queue.add({ id: "a", key: "k", data: "a" });
    await until(() => events.length === 1);
    const closing = queue.close({ graceMs: 60_000 });
    gates.get("a")?.open();
    await closing;
    expect(events).toEqual(["start a", "end a"]);
  });
});
