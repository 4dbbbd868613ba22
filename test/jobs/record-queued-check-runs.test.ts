import type { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { createInProcessQueue } from "../../src/jobs/create-in-process-queue.js";
import { recordQueuedCheckRuns } from "../../src/jobs/record-queued-check-runs.js";
import { reviewJobId, reviewJobKey, type ReviewJob } from "../../src/jobs/review-job.js";
import { createTestLog } from "../helpers/create-test-log.js";

const job = (headSha: string, deliveryId = `d-${headSha}`): ReviewJob => ({ kind: "review", deliveryId, installationId: 1, owner: "o", repo: "r", pullNumber: 7, headSha, trigger: "synchronize" });

/** An Octokit with only checks.create/update, recording what they are sent. */
function fakeOctokit(calls: string[]): Pick<ProbotOctokit, "rest"> {
  let next = 100;
  const checks = {
    create: (params: { head_sha: string; status: string }) => {
      calls.push(`create ${params.head_sha} ${params.status} -> ${String(next)}`);
      return Promise.resolve({ data: { id: next++ } });
    },
    update: (params: { check_run_id: number; status?: string; output: { title: string } }) => {
      calls.push(`update ${String(params.check_run_id)} ${params.status ?? ""} ${params.output.title}`);
      return Promise.resolve({ data: {} });
    },
  };
  return { rest: { checks } } as unknown as Pick<ProbotOctokit, "rest">;
}

describe("recordQueuedCheckRuns", () => {
  it("creates a queued check run per accepted review (none for a repeat of a waiting one), and completes those of a full queue and a replaced waiting job", async () => {
    const calls: string[] = [];
    const octokit = fakeOctokit(calls);
    const inner = createInProcessQueue<ReviewJob>({ maxWaiting: 1, log: createTestLog().log });
    const queue = recordQueuedCheckRuns({ queue: inner, getOctokit: () => Promise.resolve(octokit), now: () => 0, log: createTestLog().log });
    const add = (j: ReviewJob, key = reviewJobKey(j)) => queue.add({ id: reviewJobId(j), key, data: j });

    expect(await add(job("a"))).toBe("queued");
    expect(await add(job("a", "other-delivery"))).toBe("duplicate");
    expect(await add(job("b"))).toBe("superseded");
    expect(await add(job("c"), "another-pr")).toBe("full");
    const ran: (number | undefined)[] = [];
    queue.process((data) => {
      ran.push(data.checkRunId);
      return Promise.resolve();
    });
    await queue.onIdle();

    expect(calls).toEqual([
      "create a queued -> 100",
      "create b queued -> 101",
      "update 100 completed Superseded",
      "create c queued -> 102",
      "update 102 completed Not reviewed: queue full",
    ]);
    expect(ran).toEqual([101]);
  });
});
