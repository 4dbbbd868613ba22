import nock from "nock";
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { commitTestFiles } from "../../src/github/commit-test-files.js";
import { GITHUB_API, type Sent } from "../helpers/nock-github.js";

const octokit = new ProbotOctokit({ auth: { token: "t" }, retry: { enabled: false }, throttle: { enabled: false } });
const REPO = { owner: "Codertocat", repo: "Hello-World" };
const PR = 2;
const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const FILES = [{ path: "test/stack.spec.ts", content: "import { it } from \"vitest\";\n" }];
const api = (): nock.Scope => nock(GITHUB_API);
const base = `/repos/${REPO.owner}/${REPO.repo}`;
const record = (sent: Sent) => (body: unknown): boolean => {
  sent.push(body);
  return true;
};

/** The pull request, its head commit, and the new tree and commit: the same on every run. */
function nockCommit(sent: Sent, headRepo = `${REPO.owner}/${REPO.repo}`, commitSha = "c0ffee".padEnd(40, "0")): void {
  api()
    .get(`${base}/pulls/${PR}`)
    .reply(200, { number: PR, head: { ref: "changes", sha: HEAD, repo: { full_name: headRepo } }, base: { ref: "main", sha: "b".repeat(40) } });
  if (headRepo !== `${REPO.owner}/${REPO.repo}`) return;
  api().get(`${base}/git/commits/${HEAD}`).reply(200, { sha: HEAD, tree: { sha: "tree-head" } });
  api().post(`${base}/git/trees`, record(sent)).reply(201, { sha: "tree-new" });
  api().post(`${base}/git/commits`, record(sent)).reply(201, { sha: commitSha });
}

const BRANCH_REF = `${base}/git/ref/heads%2Fpatchsmith%2Ftests-2`;
const BRANCH_REF_UPDATE = `${base}/git/refs/heads%2Fpatchsmith%2Ftests-2`;

describe("commitTestFiles", () => {
  it("creates the branch patchsmith/tests-<n> on the head and opens a pull request into the head branch", async () => {
    const sent: Sent = [];
    nockCommit(sent);
    api().get(BRANCH_REF).reply(404, { message: "Not Found" });
    api().post(`${base}/git/refs`, record(sent)).reply(201, { ref: "refs/heads/patchsmith/tests-2" });
    api().get(`${base}/pulls`).query({ head: "Codertocat:patchsmith/tests-2", state: "open", per_page: "10" }).reply(200, []);
    api().post(`${base}/pulls`, record(sent)).reply(201, { number: 7, html_url: "https://github.com/Codertocat/Hello-World/pull/7" });

    const outcome = await commitTestFiles({ octokit, ...REPO, pullNumber: PR, files: FILES, body: "Tests." });

    expect(outcome).toEqual({
      kind: "committed",
      created: true,
      branch: "patchsmith/tests-2",
      commitSha: "c0ffee".padEnd(40, "0"),
      pullRequest: { number: 7, url: "https://github.com/Codertocat/Hello-World/pull/7" },
    });
    expect(sent).toEqual([
      { base_tree: "tree-head", tree: [{ path: "test/stack.spec.ts", mode: "100644", type: "blob", content: FILES[0]?.content }] },
      { message: expect.stringMatching(/^Add unit tests for #2\n/) as unknown, tree: "tree-new", parents: [HEAD] },
      { ref: "refs/heads/patchsmith/tests-2", sha: "c0ffee".padEnd(40, "0") },
      { title: "Unit tests for #2", head: "patchsmith/tests-2", base: "changes", body: "Tests." },
    ]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("on a later run moves the same branch to a new commit and updates the same pull request", async () => {
    const sent: Sent = [];
    const second = "d00d".padEnd(40, "1");
    nockCommit(sent, `${REPO.owner}/${REPO.repo}`, second);
    api().get(BRANCH_REF).reply(200, { ref: "refs/heads/patchsmith/tests-2", object: { sha: "c0ffee".padEnd(40, "0") } });
    api().patch(BRANCH_REF_UPDATE, record(sent)).reply(200, { ref: "refs/heads/patchsmith/tests-2" });
    api()
      .get(`${base}/pulls`)
      .query({ head: "Codertocat:patchsmith/tests-2", state: "open", per_page: "10" })
      .reply(200, [{ number: 7, html_url: "https://github.com/Codertocat/Hello-World/pull/7" }]);
    api().patch(`${base}/pulls/7`, record(sent)).reply(200, { number: 7, html_url: "https://github.com/Codertocat/Hello-World/pull/7" });

    const outcome = await commitTestFiles({ octokit, ...REPO, pullNumber: PR, files: FILES, body: "Tests, again." });

    expect(outcome).toMatchObject({ kind: "committed", created: false, commitSha: second, pullRequest: { number: 7 } });
    expect(sent.slice(2)).toEqual([
      { sha: second, force: true },
      { title: "Unit tests for #2", body: "Tests, again.", base: "changes" },
    ]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("does not push anything for a pull request from a fork, and says why", async () => {
    nockCommit([], "mallory/Hello-World");
    const outcome = await commitTestFiles({ octokit, ...REPO, pullNumber: PR, files: FILES, body: "" });
    expect(outcome).toEqual({ kind: "fork", message: expect.stringMatching(/#2 comes from mallory\/Hello-World; patchsmith cannot push to a fork/) as unknown });
    expect(nock.pendingMocks()).toEqual([]);
  });
});
