import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import nock from "nock";
import { afterEach, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { formatReview } from "../../src/cli/format-review.js";
import { runCli } from "../../src/cli/run-cli.js";
import { readAppSettings } from "../../src/config/app-settings.js";
import { createInProcessQueue } from "../../src/jobs/create-in-process-queue.js";
import type { ReviewJob } from "../../src/github/review-job.js";
import { reviewChange } from "../../src/pipeline/review-change.js";
import { captureIo, noModelDeps } from "../helpers/cli.js";
import { startSilentServer } from "../helpers/silent-server.js";
import { createTestLog } from "../helpers/create-test-log.js";
import { createTestProbot } from "../helpers/create-test-probot.js";
import { emptyResult } from "../helpers/fake-review-change.js";
import { webhookEvent } from "../helpers/load-payload.js";
import {
  GITHUB_API,
  nockConfig,
  nockCreateCheckRun,
  nockCreateReview,
  nockInstallationToken,
  nockListIssueComments,
  nockListReviewComments,
  nockListReviews,
  nockUpdateCheckRun,
  pullRequestData,
  type Sent,
} from "../helpers/nock-github.js";
import { BASE, HEAD, nockFilesAndSnapshots, nockPreviewReads, nockPull, nockTokenUser, PR, REPO, sentReview, URL, type SentReview } from "./pull-request-fixture.js";

const NOW = Date.parse("2024-05-01T12:00:00Z");
const TOKEN = "ghp_testtoken1234567890";

/** The review the App posts for the shared fixture, through Probot, its queue and the real engine. */
async function reviewWithTheApp(): Promise<SentReview> {
  const log = createTestLog();
  const queue = createInProcessQueue<ReviewJob>({ log: log.log });
  const probot = createTestProbot();
  await probot.load(createApp({ reviewChange, queue, settings: readAppSettings({}), now: () => NOW, sleep: () => Promise.resolve(), log: log.log }));
  const reviews: Sent = [];
  nockInstallationToken(1);
  nockPull();
  nockConfig(REPO, undefined);
  nockListIssueComments(REPO, PR);
  nockCreateCheckRun(REPO, 31);
  nockListReviews(REPO, PR);
  nockListReviewComments(REPO, PR);
  nockFilesAndSnapshots();
  nockPull();
  nockCreateReview(REPO, PR, reviews);
  nockUpdateCheckRun(REPO, 31);
  await probot.receive(webhookEvent("pull_request.opened", "delivery-url-mode"));
  await queue.onIdle();
  expect(nock.pendingMocks()).toEqual([]);
  expect(reviews).toHaveLength(1);
  return sentReview(reviews);
}

/** The markdown the CLI prints for a posted review: the body, then each comment (as format-review renders them). */
function asMarkdown(review: SentReview): string {
  const comments = review.comments.map((c) => ({
    path: c.path,
    line: c.line,
    ...(c.start_line === undefined ? {} : { startLine: c.start_line }),
    side: c.side,
    body: c.body,
    fingerprint: "",
  }));
  return formatReview(emptyResult({ body: review.body, comments }), "markdown", () => undefined);
}

function withToken(env: Record<string, string> = {}) {
  return captureIo(process.cwd(), { GITHUB_TOKEN: TOKEN, ...env });
}

describe("patchsmith review <pull request> (URL mode)", () => {
  let tempDir: string | undefined;
  afterEach(() => {
    if (tempDir !== undefined) rmSync(tempDir, { recursive: true, force: true });
    tempDir = undefined;
  });

  it("prints the same markdown as the App's review of the same pull request", async () => {
    const posted = await reviewWithTheApp();
    expect(posted.comments).toHaveLength(2);

    nockPreviewReads();
    const io = captureIo(process.cwd());
    const code = await runCli(["review", URL, "--format", "markdown"], io, noModelDeps);

    expect(nock.pendingMocks()).toEqual([]);
    expect(code).toBe(0);
    expect(io.stdoutText()).toBe(asMarkdown(posted));
    expect(io.stdoutText()).toContain("```suggestion\n  const result = width * height;\n```");
    expect(io.stdoutText()).toContain(`<!-- patchsmith:review sha=${HEAD} -->`);
    expect(io.stderrText()).toContain("no token: reading as an anonymous user");
  });

  it("reads the short form OWNER/REPO#N with a token, sends it, and never prints it", async () => {
    nock(GITHUB_API, { reqheaders: { authorization: `token ${TOKEN}` } })
      .get(`/repos/${REPO.owner}/${REPO.repo}/pulls/${PR}`)
      .reply(200, pullRequestData({ number: PR, headSha: HEAD, baseSha: BASE }));
    nockConfig(REPO, undefined);
    nockFilesAndSnapshots();
    const io = withToken();
    const code = await runCli(["review", `${REPO.owner}/${REPO.repo}#${PR}`, "--format", "text", "--fail-on", "error"], io, noModelDeps);
    expect(nock.pendingMocks()).toEqual([]);
    expect(code).toBe(1);
    expect(io.stdoutText()).toContain("src/math.ts:2  warning  eslint/prefer-const");
    expect(io.stdoutText()).toContain("  +   const result = width * height;");
    expect(io.stdoutText() + io.stderrText()).not.toContain(TOKEN);
  });

  it("--post sends one review as the token's user, and a second run posts nothing new", async () => {
    const reviews: Sent = [];
    nockPull();
    nockConfig(REPO, undefined);
    nockTokenUser("octocat");
    nockListReviews(REPO, PR);
    nockListReviewComments(REPO, PR);
    nockFilesAndSnapshots();
    nockCreateReview(REPO, PR, reviews, [200, { id: 4242 }]);
    const first = withToken();
    expect(await runCli(["review", URL, "--post", "--format", "markdown"], first, noModelDeps)).toBe(0);
    expect(nock.pendingMocks()).toEqual([]);
    expect(reviews).toHaveLength(1);
    const review = sentReview(reviews);
    expect(review.commit_id).toBe(HEAD);
    expect(review.event).toBe("COMMENT");
    expect(review.comments.map((c) => [c.path, c.line])).toEqual([
      ["src/math.ts", 7],
      ["src/math.ts", 2],
    ]);
    expect(first.stdoutText()).toBe(asMarkdown(review));
    expect(first.stderrText()).toContain(`posted review 4242 on ${REPO.owner}/${REPO.repo}#${PR} with 2 inline comment(s)`);

    // The second run finds its own review (by the token's user, with the marker of this head) and stops.
    const asOctocat = { login: "octocat", type: "User" };
    nockPull();
    nockConfig(REPO, undefined);
    nockTokenUser("octocat");
    nockListReviews(REPO, PR, [{ id: 4242, body: review.body, user: asOctocat }]);
    nockListReviewComments(REPO, PR, review.comments.map((c) => ({ body: c.body, user: asOctocat, path: c.path, line: c.line })));
    nockListFiles();
    nockCompareOnly();
    const second = withToken();
    expect(await runCli(["review", URL, "--post"], second, noModelDeps)).toBe(0);
    expect(nock.pendingMocks()).toEqual([]);
    expect(second.stdoutText()).toBe("");
    expect(second.stderrText()).toContain(`${REPO.owner}/${REPO.repo}#${PR} at ${HEAD.slice(0, 7)} is already reviewed; nothing new to post.`);
  });

  it("a second `--post --fail-on error` on a head already reviewed exits 1, as the first did: the recorded findings still stand", async () => {
    const reviews: Sent = [];
    nockPull();
    nockConfig(REPO, undefined);
    nockTokenUser("octocat");
    nockListReviews(REPO, PR);
    nockListReviewComments(REPO, PR);
    nockFilesAndSnapshots();
    nockCreateReview(REPO, PR, reviews, [200, { id: 4242 }]);
    expect(await runCli(["review", URL, "--post", "--fail-on", "error"], withToken(), noModelDeps)).toBe(1);
    const review = sentReview(reviews);

    const asOctocat = { login: "octocat", type: "User" };
    nockPull();
    nockConfig(REPO, undefined);
    nockTokenUser("octocat");
    nockListReviews(REPO, PR, [{ id: 4242, body: review.body, user: asOctocat }]);
    nockListReviewComments(REPO, PR, review.comments.map((c) => ({ body: c.body, user: asOctocat, path: c.path, line: c.line })));
    nockListFiles();
    nockCompareOnly();
    const second = withToken();
    expect(await runCli(["review", URL, "--post", "--fail-on", "error"], second, noModelDeps)).toBe(1);
    expect(nock.pendingMocks()).toEqual([]);
    expect(second.stderrText()).toMatch(/is already reviewed; nothing new to post\. Standing there: \d+ errors?\b.*in src\/math\.ts\./);
  });

  it("does not trust markers in reviews by other people: a forged marker does not stop the review", async () => {
    const reviews: Sent = [];
    nockPull();
    nockConfig(REPO, undefined);
    nockTokenUser("octocat");
    nockListReviews(REPO, PR, [{ id: 77, body: `lgtm <!-- patchsmith:review sha=${HEAD} -->`, user: { login: "mallory", type: "User" } }]);
    nockListReviewComments(REPO, PR);
    nockFilesAndSnapshots();
    nockCreateReview(REPO, PR, reviews);
    expect(await runCli(["review", URL, "--post"], withToken(), noModelDeps)).toBe(0);
    expect(sentReview(reviews).comments).toHaveLength(2);
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("uses --config instead of the repository's config", async () => {
    tempDir = mkdtempSync(path.join(os.tmpdir(), "patchsmith-url-"));
    writeFileSync(path.join(tempDir, "patchsmith.yml"), "severity: error\nfailOn: error\nrules: { prefer-const: off }\n");
    nockPull();
    nockFilesAndSnapshots();
    const io = captureIo(tempDir, { GITHUB_TOKEN: TOKEN });
    const code = await runCli(["review", URL, "--config", "patchsmith.yml", "--format", "json"], io, noModelDeps);
    expect(code).toBe(1);
    const result = JSON.parse(io.stdoutText()) as { findings: { rule: string }[] };
    expect(result.findings.map((f) => f.rule)).toEqual(["ts/TS2551"]);
    expect(nock.pendingMocks()).toEqual([]);
  });

  describe("errors: one line saying what to do, exit code 2", () => {
    const run = async (args: readonly string[], env: Record<string, string> = {}) => {
      const io = captureIo(process.cwd(), env);
      const code = await runCli(["review", ...args], io, noModelDeps);
      return { code, stdout: io.stdoutText(), stderr: io.stderrText(), lines: io.stderrText().trimEnd().split("\n") };
    };
    const lastLine = (lines: readonly string[]) => lines.at(-1) ?? "";

    it("a GitHub that never answers: the request's time limit (PATCHSMITH_GITHUB_TIMEOUT_MS), not a hang", async () => {
      const silent = await startSilentServer();
      try {
        const { code, stdout, lines } = await run(["o/r#1", "--api-url", silent.url], { GITHUB_TOKEN: TOKEN, PATCHSMITH_GITHUB_TIMEOUT_MS: "1000" });
        expect(code).toBe(2);
        expect(stdout).toBe("");
        expect(lastLine(lines)).toBe(
          "patchsmith: GitHub did not answer GET /repos/{owner}/{repo}/pulls/{pull_number} within 1000 ms (PATCHSMITH_GITHUB_TIMEOUT_MS); try again later, or raise the setting if GitHub is slow rather than down.",
        );
        expect(silent.requests).toEqual(["GET /repos/o/r/pulls/1"]);
      } finally {
        await silent.close();
      }
    });

    it("a bad URL", async () => {
      const { code, stderr, stdout } = await run(["https://github.com/Codertocat/Hello-World/issues/2"]);
      expect(code).toBe(2);
      expect(stdout).toBe("");
      expect(stderr).toBe(
        'patchsmith: "https://github.com/Codertocat/Hello-World/issues/2" is not a pull request URL (a pull request\'s URL has /pull/N in it, not /issues/N or /pulls/N): expected a pull request URL such as https://github.com/OWNER/REPO/pull/123, or OWNER/REPO#123.\n',
      );
    });

    it("a GitHub Enterprise Server URL without --api-url, and one that does not match it", async () => {
      const noApi = await run(["https://ghe.example.com/o/r/pull/1"]);
      expect(noApi.code).toBe(2);
      expect(noApi.stderr).toBe("patchsmith: ghe.example.com is not github.com: for GitHub Enterprise Server pass --api-url https://ghe.example.com/api/v3.\n");
      const mismatch = await run(["https://ghe.example.com/o/r/pull/1", "--api-url", "https://evil.example.net/api/v3"], { GITHUB_TOKEN: TOKEN });
      expect(mismatch.code).toBe(2);
      expect(mismatch.stderr).toContain("The pull request is on ghe.example.com but --api-url points at evil.example.net");
      // With the right --api-url, the requests go to that server.
      nock("https://ghe.example.com/api/v3").get("/repos/o/r/pulls/1").reply(404, { message: "Not Found" });
      const ghes = await run(["https://ghe.example.com/o/r/pull/1", "--api-url", "https://ghe.example.com/api/v3"], { GITHUB_TOKEN: TOKEN });
      expect(ghes.code).toBe(2);
      expect(lastLine(ghes.lines)).toMatch(/^patchsmith: o\/r#1 was not found \(404\)/);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it("a pull request that does not exist, with a token", async () => {
      nock(GITHUB_API).get(`/repos/${REPO.owner}/${REPO.repo}/pulls/999`).reply(404, { message: "Not Found", documentation_url: "https://docs.github.com/rest" });
      const { code, lines } = await run([`${REPO.owner}/${REPO.repo}#999`], { GITHUB_TOKEN: TOKEN });
      expect(code).toBe(2);
      expect(lastLine(lines)).toBe(
        `patchsmith: ${REPO.owner}/${REPO.repo}#999 was not found (404): check the owner, repository and number, and that the token can read ${REPO.owner}/${REPO.repo} (a private repository needs a token with access to it).`,
      );
    });

    it("a private repository without a token", async () => {
      nock(GITHUB_API).get("/repos/octo-org/secret/pulls/5").reply(404, { message: "Not Found" });
      const { code, lines } = await run(["https://github.com/octo-org/secret/pull/5"]);
      expect(code).toBe(2);
      expect(lines).toEqual([
        "patchsmith: no token: reading as an anonymous user, within GitHub's limit of 60 requests an hour.",
        "patchsmith: octo-org/secret#5 was not found (404): check the owner, repository and number. If octo-org/secret is private, set GITHUB_TOKEN or pass --token with a token that can read it.",
      ]);
    });

    it("a token GitHub refuses, and a token without access to the repository", async () => {
      nock(GITHUB_API).get(`/repos/${REPO.owner}/${REPO.repo}/pulls/${PR}`).reply(401, { message: "Bad credentials" });
      const refused = await run([URL, "--token", TOKEN]);
      expect(refused.code).toBe(2);
      expect(refused.stderr).toBe("patchsmith: GitHub refused the token (401 Bad credentials): it is expired, revoked or mistyped. Set GITHUB_TOKEN or pass --token with a valid token.\n");
      expect(refused.stderr).not.toContain(TOKEN);

      nock(GITHUB_API).get(`/repos/${REPO.owner}/${REPO.repo}/pulls/${PR}`).reply(403, { message: "Resource not accessible by personal access token" });
      const noAccess = await run([URL], { GITHUB_TOKEN: TOKEN });
      expect(noAccess.code).toBe(2);
      expect(noAccess.stderr).toBe(
        `patchsmith: The token may not read ${REPO.owner}/${REPO.repo} (403 Resource not accessible by personal access token): give it read access to the repository's contents and pull requests.\n`,
      );
    });

    it("a token that may read but not post", async () => {
      nockPull();
      nockConfig(REPO, undefined);
      nockTokenUser("octocat");
      nockListReviews(REPO, PR);
      nockListReviewComments(REPO, PR);
      nockFilesAndSnapshots();
      nockCreateReview(REPO, PR, undefined, [403, { message: "Resource not accessible by personal access token" }]);
      const { code, lines, stdout } = await run([URL, "--post"], { GITHUB_TOKEN: TOKEN });
      expect(code).toBe(2);
      expect(stdout).toContain("2 finding(s) in 1 file(s) analysed");
      expect(lastLine(lines)).toMatch(/^patchsmith: The token may not post a review on Codertocat\/Hello-World#2 \(403 Resource not accessible by personal access token\): it needs write access to pull requests/);
    });

    it("--post without a token", async () => {
      const { code, stderr } = await run([URL, "--post"]);
      expect(code).toBe(2);
      expect(stderr).toBe("patchsmith: --post needs a token that may write pull request reviews: set GITHUB_TOKEN or pass --token.\n");
    });

    it("the unauthenticated rate limit, with its reset time", async () => {
      nockPull();
      nockConfig(REPO, undefined);
      nock(GITHUB_API)
        .get(`/repos/${REPO.owner}/${REPO.repo}/pulls/${PR}/files`)
        .query(true)
        .reply(
          403,
          { message: "API rate limit exceeded for 203.0.113.7. (But here's the good news: Authenticated requests get a higher rate limit.)" },
          { "x-ratelimit-limit": "60", "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(Date.parse("2024-05-01T13:00:00Z") / 1000) },
        );
      nock(GITHUB_API).get(/\/compare\//).optionally().reply(200, { status: "ahead", merge_base_commit: { sha: HEAD }, files: [] });
      const { code, lines } = await run([URL]);
      expect(code).toBe(2);
      expect(lastLine(lines)).toBe(
        "patchsmith: GitHub's API rate limit for unauthenticated requests (60 an hour) is used up; it resets at 2024-05-01T13:00:00Z. To get 5,000 requests an hour, set GITHUB_TOKEN or pass --token.",
      );
    });

    it("a secondary rate limit", async () => {
      nock(GITHUB_API)
        .get(`/repos/${REPO.owner}/${REPO.repo}/pulls/${PR}`)
        .reply(403, { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again." }, { "retry-after": "30" });
      const { code, stderr } = await run([URL], { GITHUB_TOKEN: TOKEN });
      expect(code).toBe(2);
      expect(stderr).toBe("patchsmith: GitHub's secondary rate limit stopped this run (too many requests in a short time); try again in 30 s.\n");
    });

    it("an invalid .github/patchsmith.yml: nothing reviewed", async () => {
      nockPull();
      nockConfig(REPO, "maxComments: lots\n");
      const { code, stderr } = await run([URL], { GITHUB_TOKEN: TOKEN });
      expect(code).toBe(2);
      expect(stderr).toMatch(/^patchsmith: \.github\/patchsmith\.yml is not valid: `maxComments`: .* Nothing was reviewed: fix the file, or pass --config FILE\.\n$/);
    });
  });
});

/** The second run's reads before it sees it is up to date: the file list and the merge base (listed together). */
function nockListFiles(): void {
  nock(GITHUB_API).get(`/repos/${REPO.owner}/${REPO.repo}/pulls/${PR}/files`).query({ per_page: "100" }).reply(200, []);
}

function nockCompareOnly(): void {
  nock(GITHUB_API).get(/\/repos\/Codertocat\/Hello-World\/compare\//).reply(200, { status: "ahead", merge_base_commit: { sha: HEAD }, files: [] });
}
