import nock from "nock";
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import type { WriteLimiter } from "../../src/github/create-write-limiter.js";
import { guardWrites } from "../../src/github/guard-writes.js";
import { createTestLog } from "../helpers/create-test-log.js";
import { GITHUB_API, secondaryRateLimitReply } from "../helpers/nock-github.js";

function setup() {
  const octokit = new ProbotOctokit({ auth: { token: "t" }, retry: { enabled: false }, throttle: { enabled: false } });
  const acquired: number[] = [];
  const sleeps: number[] = [];
  const limiter: WriteLimiter = {
    acquire: () => {
      acquired.push(acquired.length);
      return Promise.resolve();
    },
  };
  guardWrites(octokit, {
    limiter,
    sleep: (ms) => {
      sleeps.push(ms);
      return Promise.resolve();
    },
    log: createTestLog().log,
    maxRetries: 2,
  });
  return { octokit, acquired, sleeps };
}

describe("guardWrites", () => {
  it("paces writes through the limiter, but not reads", async () => {
    const { octokit, acquired } = setup();
    nock(GITHUB_API).get("/repos/o/r").reply(200, {}).post("/repos/o/r/check-runs").reply(201, { id: 1 });
    await octokit.rest.repos.get({ owner: "o", repo: "r" });
    expect(acquired).toHaveLength(0);
    await octokit.rest.checks.create({ owner: "o", repo: "r", name: "x", head_sha: "a" });
    expect(acquired).toHaveLength(1);
  });

  it("retries a write refused for a secondary rate limit after GitHub's retry-after", async () => {
    const { octokit, sleeps, acquired } = setup();
    const scope = nock(GITHUB_API)
      .post("/repos/o/r/issues/1/comments")
      .reply(...(secondaryRateLimitReply(5) as [number, Record<string, unknown>, Record<string, string>]))
      .post("/repos/o/r/issues/1/comments")
      .reply(429, { message: "Too many requests" })
      .post("/repos/o/r/issues/1/comments")
      .reply(201, { id: 3 });
    const { data } = await octokit.rest.issues.createComment({ owner: "o", repo: "r", issue_number: 1, body: "hi" });
    expect(data.id).toBe(3);
    expect(sleeps).toEqual([5_000, 60_000]);
    expect(acquired).toHaveLength(3);
    scope.done();
  });

  it("gives up after maxRetries and leaves other 403s alone", async () => {
    const { octokit, sleeps } = setup();
    nock(GITHUB_API)
      .post("/repos/o/r/issues/1/comments")
      .times(3)
      .reply(...(secondaryRateLimitReply(1) as [number, Record<string, unknown>, Record<string, string>]));
    await expect(octokit.rest.issues.createComment({ owner: "o", repo: "r", issue_number: 1, body: "hi" })).rejects.toMatchObject({ status: 403 });
    expect(sleeps).toEqual([1_000, 1_000]);

    nock(GITHUB_API).post("/repos/o/r/issues/2/comments").reply(403, { message: "Resource not accessible by integration" });
    await expect(octokit.rest.issues.createComment({ owner: "o", repo: "r", issue_number: 2, body: "hi" })).rejects.toMatchObject({ status: 403 });
    expect(sleeps).toEqual([1_000, 1_000]);
  });
});
