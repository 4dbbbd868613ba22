import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import nock from "nock";
import { ProbotOctokit } from "probot";
import { afterEach, describe, expect, it } from "vitest";
import { GitHubTimeoutError, limitRequestTime } from "../../src/github/limit-request-time.js";
import { GITHUB_API } from "../helpers/nock-github.js";

function octokitWithin(ms: number, baseUrl?: string): InstanceType<typeof ProbotOctokit> {
  const octokit = new ProbotOctokit({ auth: { token: "t" }, retry: { enabled: false }, throttle: { enabled: false }, ...(baseUrl === undefined ? {} : { baseUrl }) });
  limitRequestTime(octokit, { ms, setting: "PATCHSMITH_GITHUB_TIMEOUT_MS" });
  return octokit;
}

/** A loopback server that accepts requests and never answers them (a GitHub that hangs). */
async function silentServer(): Promise<{ readonly url: string; readonly server: Server }> {
  const server = createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`, server };
}

describe("limitRequestTime", () => {
  let silent: Server | undefined;
  afterEach(() => {
    nock.cleanAll();
    silent?.closeAllConnections();
    silent?.close();
    silent = undefined;
  });

  it("fails a request GitHub does not answer in time with an error naming the request and the setting", async () => {
    const hanging = await silentServer();
    silent = hanging.server;
    nock.enableNetConnect("127.0.0.1");
    const error: unknown = await octokitWithin(100, hanging.url).rest.pulls.get({ owner: "o", repo: "r", pull_number: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitHubTimeoutError);
    expect((error as Error).message).toBe(
      "GitHub did not answer GET /repos/{owner}/{repo}/pulls/{pull_number} within 100 ms (PATCHSMITH_GITHUB_TIMEOUT_MS); try again later, or raise the setting if GitHub is slow rather than down.",
    );
  });

  it("leaves answered requests, GitHub's own errors and the caller's abort as they were", async () => {
    nock(GITHUB_API).get("/repos/o/r").reply(200, { name: "r" }).get("/repos/o/gone").reply(404, { message: "Not Found" });
    const octokit = octokitWithin(5_000);
    expect((await octokit.rest.repos.get({ owner: "o", repo: "r" })).data).toEqual({ name: "r" });
    await expect(octokit.rest.repos.get({ owner: "o", repo: "gone" })).rejects.toMatchObject({ status: 404 });

    const hanging = await silentServer();
    silent = hanging.server;
    nock.enableNetConnect("127.0.0.1");
    const controller = new AbortController();
    const pending = octokitWithin(5_000, hanging.url).rest.repos.get({ owner: "o", repo: "slow", request: { signal: controller.signal } }).catch((caught: unknown) => caught);
    setTimeout(() => {
      controller.abort(new Error("superseded"));
    }, 50);
    const error = await pending;
    expect(error).not.toBeInstanceOf(GitHubTimeoutError);
    expect(error).toBeInstanceOf(Error);
  });

  it("names GitHub's server error when retries of it ran out of time, instead of saying GitHub did not answer", async () => {
    nock(GITHUB_API).get("/repos/o/r/pulls/1").times(10).reply(502, "Bad Gateway");
    const octokit = new ProbotOctokit({ auth: { token: "t" }, throttle: { enabled: false } });
    limitRequestTime(octokit, { ms: 1_500, setting: "PATCHSMITH_GITHUB_TIMEOUT_MS" });
    const error: unknown = await octokit.rest.pulls.get({ owner: "o", repo: "r", pull_number: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(GitHubTimeoutError);
    expect((error as Error).message).toBe(
      "GitHub answered 502 (a server error) to GET /repos/{owner}/{repo}/pulls/{pull_number}, retried until 1500 ms (PATCHSMITH_GITHUB_TIMEOUT_MS) ran out; GitHub is failing: try again later.",
    );
  });

  it("does not time a streamed download (a scan's archive has its own limits)", async () => {
    nock(GITHUB_API).get("/repos/o/r/tarball/main").delay(300).reply(200, "archive bytes");
    const response = await octokitWithin(100).rest.repos.downloadTarballArchive({ owner: "o", repo: "r", ref: "main", request: { parseSuccessResponseBody: false } });
    expect(await new Response(response.data as ReadableStream).text()).toBe("archive bytes");
  });
});
