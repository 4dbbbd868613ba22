import { describe, expect, it } from "vitest";
import { createMemoryQueue } from "../../src/jobs/create-memory-queue.js";
import { JOB_RULES, waitingBound } from "../../src/jobs/job-rules.js";
import { createTestLog } from "../helpers/create-test-log.js";

describe("createMemoryQueue", () => {
  it("lines up as many jobs of a key as the rule allows, in the order they came", async () => {
    const ran: string[] = [];
    const queue = createMemoryQueue<string, { coalesce: "line-up"; maxWaitingPerKey: number }>({ sameKey: { coalesce: "line-up", maxWaitingPerKey: 2 }, log: createTestLog().log });
    expect(["a", "b", "c", "d"].map((id) => queue.add({ id, key: "k", data: id }))).toEqual(["queued", "waiting", "waiting", "busy"]);
    queue.process((data) => {
      ran.push(data);
      return Promise.resolve();
    });
    await queue.onIdle();
    expect(ran).toEqual(["a", "b", "c"]);
  });

  it("under the review rule, replaces the waiting job of a key", async () => {
    const dropped: string[] = [];
    const queue = createMemoryQueue<string, typeof JOB_RULES.review.sameKey>({ sameKey: JOB_RULES.review.sameKey, log: createTestLog().log, onDrop: (job, reason) => dropped.push(`${job.id} ${reason}`) });
    expect(queue.add({ id: "a@1", key: "a", data: "1" })).toBe("queued");
    expect(queue.add({ id: "a@2", key: "a", data: "2" })).toBe("superseded");
    expect(queue.size()).toBe(1);
    await queue.close();
    expect(dropped).toEqual(["a@1 superseded", "a@2 closed"]);
  });
});

describe("JOB_RULES", () => {
  it("bounds the waiting reviews only; commands line up and are never replaced", () => {
    expect(waitingBound("review", 7)).toEqual({ maxWaiting: 7 });
    expect(waitingBound("scan", 7)).toEqual({});
    expect(waitingBound("command", 7)).toEqual({});
    expect(JOB_RULES.command.sameKey).toEqual({ coalesce: "line-up", maxWaitingPerKey: 1 });
    expect([JOB_RULES.command.priority, JOB_RULES.review.priority, JOB_RULES.scan.priority]).toEqual([1, 2, 3]);
  });
});
