import nock from "nock";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScriptedGenerator } from "../../src/llm/scripted-generator.js";
import type { CompletionRequest } from "../../src/llm/transport.js";
import { issueCommentPayload } from "./comment-payloads.js";
import { nockConversationReply, nockPermission, nockReaction } from "./nock-commands.js";
import { BASE, HEAD, ISSUE_COMMENT_ID, PR, REPO, startCommandApp } from "./start-command-app.js";
import { GITHUB_API, nockConfig, nockGetPull, nockInstallationToken, nockListFiles, nockSnapshot, type ListedFile, type Sent } from "../helpers/nock-github.js";
import { loadFixtureChange } from "../testgen/load-fixture-change.js";
import { mathAnswer, promptFor, STACK_SPEC, stackAnswer } from "../testgen/vitest-fixture-answers.js";
import { replyBody } from "./reply-body.js";

const conversation = { kind: "issue", id: ISSUE_COMMENT_ID } as const;
const base = `/repos/${REPO.owner}/${REPO.repo}`;
const record = (sent: Sent) => (body: unknown): boolean => {
  sent.push(body);
  return true;
};

let fixture: Awaited<ReturnType<typeof loadFixtureChange>>;
let listed: ListedFile[];
beforeAll(async () => {
  fixture = await loadFixtureChange("vitest-repo");
  // The PR's files as GitHub lists them: the patch is the diff from its first hunk on.
  listed = fixture.diff.map((file) => {
    const diff = fixture.repo.git("diff", "main", "feature", "--", file.path);
    return { filename: file.path, status: file.status, patch: diff.slice(diff.indexOf("@@")).trimEnd() };
  });
});
afterAll(() => {
  fixture.repo.remove();
});

const answer = (request: CompletionRequest): unknown => (promptFor(request) === "math" ? mathAnswer : stackAnswer(STACK_SPEC));

/** What every `tests` command reads: the pull request, the config, its files and the head's tree and blobs. */
function nockRead(): void {
  nockInstallationToken(1);
  nockPermission(REPO, "Codertocat", "write");
  nockReaction(REPO, conversation, "eyes");
  nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE, changedFiles: listed.length });
  nockConfig(REPO, undefined);
  nockListFiles(REPO, PR, listed);
  nockSnapshot(REPO, HEAD, fixture.headFiles);
}

describe("/patchsmith tests", () => {
  it("replies with the untested exports and the proposed test files, validated", async () => {
    const app = await startCommandApp({ generator: createScriptedGenerator({ answers: { tests: [answer, answer] } }) });
    const replies: Sent = [];
    nockRead();
    nockConversationReply(REPO, PR, replies);
    nockReaction(REPO, conversation, "rocket");

    await app.send("issue_comment", "tests-1", issueCommentPayload("/patchsmith tests"));
    await app.idle();

    expect(nock.pendingMocks()).toEqual([]);
    expect(app.commands.map((c) => c.outcome.kind)).toEqual(["done"]);
    const body = replyBody(replies);
    expect(body).toMatch(/^Unit tests for ec26c3e:\n\n#### Unit tests/);
    expect(body).toContain("<summary>Proposed <code>test/stack.spec.ts</code> for Stack (3 cases)</summary>");
    expect(body).toContain("<summary>Updated <code>test/math.spec.ts</code> for mul, square (2 cases)</summary>");
  });

  it("commit: pushes the files to patchsmith/tests-<n> and opens a pull request into the head branch", async () => {
    const app = await startCommandApp({ generator: createScriptedGenerator({ answers: { tests: [answer] } }) });
    const replies: Sent = [];
    const writes: Sent = [];
    nockRead();
    nock(GITHUB_API)
      .get(`${base}/pulls/${PR}`)
      .reply(200, { number: PR, head: { ref: "changes", sha: HEAD, repo: { full_name: "Codertocat/Hello-World" } }, base: { ref: "main", sha: BASE } });
    nock(GITHUB_API).get(`${base}/git/commits/${HEAD}`).reply(200, { sha: HEAD, tree: { sha: "tree-head" } });
    nock(GITHUB_API).post(`${base}/git/trees`, record(writes)).reply(201, { sha: "tree-new" });
    nock(GITHUB_API).post(`${base}/git/commits`, record(writes)).reply(201, { sha: "c".repeat(40) });
    nock(GITHUB_API).get(`${base}/git/ref/heads%2Fpatchsmith%2Ftests-2`).reply(404, { message: "Not Found" });
    nock(GITHUB_API).post(`${base}/git/refs`, record(writes)).reply(201, {});
    nock(GITHUB_API).get(`${base}/pulls`).query(true).reply(200, []);
    nock(GITHUB_API).post(`${base}/pulls`, record(writes)).reply(201, { number: 9, html_url: "https://github.com/Codertocat/Hello-World/pull/9" });
    nockConversationReply(REPO, PR, replies);
    nockReaction(REPO, conversation, "rocket");

    await app.send("issue_comment", "tests-2", issueCommentPayload("/patchsmith tests commit Stack"));
    await app.idle();

    expect(nock.pendingMocks()).toEqual([]);
    expect((writes[0] as { tree: { path: string; content: string }[] }).tree).toEqual([{ path: "test/stack.spec.ts", mode: "100644", type: "blob", content: STACK_SPEC }]);
    expect(writes[3]).toMatchObject({ head: "patchsmith/tests-2", base: "changes", title: "Unit tests for #2" });
    expect(replyBody(replies)).toBe("Pushed `test/stack.spec.ts` to `patchsmith/tests-2` (on ec26c3e) and opened #9 into this pull request's branch. Merge it to add the tests.");
  });
});
