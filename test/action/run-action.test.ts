import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { appendFile, readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runAction, type ActionIo } from "../../src/action/run-action.js";
import { noModelDeps } from "../helpers/cli.js";
import { renderReviewMarker, renderStandingMarker } from "../../src/review/markers.js";
import { startSilentServer } from "../helpers/silent-server.js";
import {
  GITHUB_API,
  nockConfig,
  nockCreateReview,
  nockGetPull,
  nockListReviewComments,
  nockListReviews,
  type Sent,
} from "../helpers/nock-github.js";
import { BASE, HEAD, nockFilesAndSnapshots, nockPull, PR, REPO, sentReview } from "../cli/pull-request-fixture.js";

/** A `pull_request` payload exactly as @octokit/webhooks-examples has it (the first `opened` one: no installation, as in Actions). */
function examplePayload(action: string): Record<string, unknown> {
  const examples = createRequire(import.meta.url)("@octokit/webhooks-examples") as { name: string; examples: Record<string, unknown>[] }[];
  const payload = examples.find((e) => e.name === "pull_request")?.examples.find((e) => e.action === action);
  if (payload === undefined) throw new Error(`no pull_request.${action} example`);
  return structuredClone(payload);
}

const TOKEN = "ghs_actions_token_1234567890";

describe("the GitHub Action", () => {
  let dir: string;
  let out: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "patchsmith-action-"));
    out = "";
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  /** The runner's environment for one event, with the event file, summary and output files in a temporary directory. */
  function runner(event: { name: string; payload: Record<string, unknown> }, inputs: Record<string, string> = {}): ActionIo {
    const eventPath = path.join(dir, "event.json");
    writeFileSync(eventPath, JSON.stringify(event.payload));
    writeFileSync(path.join(dir, "summary.md"), "");
    writeFileSync(path.join(dir, "output.txt"), "");
    return {
      env: {
        GITHUB_EVENT_NAME: event.name,
        GITHUB_EVENT_PATH: eventPath,
        INPUT_GITHUB_TOKEN: TOKEN,
        GITHUB_API_URL: "https://api.github.com",
        GITHUB_RUN_ID: "777",
        GITHUB_WORKSPACE: dir,
        GITHUB_STEP_SUMMARY: path.join(dir, "summary.md"),
        GITHUB_OUTPUT: path.join(dir, "output.txt"),
        ...inputs,
      },
      stdout: { write: (text: string) => (out += text) },
      readFile: (file) => readFile(file, "utf8"),
      appendFile: (file, text) => appendFile(file, text, "utf8"),
    };
  }
  const action = (io: ActionIo, createModel = noModelDeps.createModel) => runAction(io, { createModel, now: () => 0, stopToken: () => "stop-123" });
  const file = (name: string) => readFileSync(path.join(dir, name), "utf8");

  /** The reads of a review that will be posted with the Actions token (GET /user is refused for it). */
  function nockReads(config?: string): void {
    nockPull();
    nockConfig(REPO, config);
    nock(GITHUB_API).get("/user").reply(403, { message: "Resource not accessible by integration" });
    nockListReviews(REPO, PR);
    nockListReviewComments(REPO, PR);
    nockFilesAndSnapshots();
  }

  it("reviews the pull_request.opened payload of @octokit/webhooks-examples and posts one review", async () => {
    const reviews: Sent = [];
    nockReads();
    nockCreateReview(REPO, PR, reviews, [200, { id: 5150 }]);

    const code = await action(runner({ name: "pull_request", payload: examplePayload("opened") }));

    expect(nock.pendingMocks()).toEqual([]);
    expect(code).toBe(0);
    const review = sentReview(reviews);
    expect(review.commit_id).toBe(HEAD);
    // Errors first: the type error on line 7, then the prefer-const warning on line 2.
    expect(review.comments.map((c) => [c.path, c.line])).toEqual([
      ["src/math.ts", 7],
      ["src/math.ts", 2],
    ]);
    expect(review.body).toContain(`<!-- patchsmith:review sha=${HEAD} -->`);
    // The job summary holds the review as posted; the log holds it with workflow commands switched off.
    expect(file("summary.md")).toContain(review.body);
    expect(file("summary.md")).toContain("```suggestion\n  const result = width * height;\n```");
    expect(out).toContain(`::stop-commands::stop-123\n${file("summary.md")}::stop-123::\n`);
    expect(out).toContain("patchsmith: posted review 5150 on Codertocat/Hello-World#2 with 2 inline comment(s).");
    expect(file("output.txt")).toBe("findings=2\nreview-id=5150\n");
    expect(out).not.toContain(TOKEN);
  });

  it("fails the step when findings reach the fail-on input", async () => {
    nockReads();
    nockCreateReview(REPO, PR);
    const modelEnvs: (string | undefined)[] = [];
    const code = await action(runner({ name: "pull_request", payload: examplePayload("synchronize") }, { INPUT_FAIL_ON: "error", INPUT_LLM_URL: "http://gpu-box:8080/v1" }), ({ env }) => {
      modelEnvs.push(env.PATCHSMITH_LLM_URL);
      return Promise.resolve({ notice: "no model in this test" });
    });
    expect(modelEnvs).toEqual(["http://gpu-box:8080/v1"]);
    expect(out).toContain("patchsmith: no model in this test\n");
    expect(code).toBe(1);
    expect(out).toContain("::error::patchsmith found problems of severity error or worse in Codertocat/Hello-World#2 (fail-on: error); see the review.\n");
  });

  it("posts nothing when its own earlier review (by github-actions[bot]) already covers the head", async () => {
    nockPull();
    nockConfig(REPO, undefined);
    nock(GITHUB_API).get("/user").reply(403, { message: "Resource not accessible by integration" });
    nockListReviews(REPO, PR, [{ id: 5150, body: `review\n\n${renderStandingMarker([])}\n${renderReviewMarker({ sha: HEAD })}`, user: { login: "github-actions[bot]", type: "Bot" } }]);
    nockListReviewComments(REPO, PR);
    nock(GITHUB_API).get(`/repos/${REPO.owner}/${REPO.repo}/pulls/${PR}/files`).query(true).reply(200, []);
    nock(GITHUB_API).get(`/repos/${REPO.owner}/${REPO.repo}/compare/${BASE}...${HEAD}`).reply(200, { status: "ahead", merge_base_commit: { sha: BASE }, files: [] });
    const code = await action(runner({ name: "pull_request", payload: examplePayload("synchronize") }));
    expect(code).toBe(0);
    expect(out).toBe("::notice::patchsmith already reviewed Codertocat/Hello-World#2 at ec26c3e; nothing new to post. Standing there: none.\n");
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("a re-run of the workflow on a head already reviewed still fails the step: the recorded error stands", async () => {
    nockPull();
    nockConfig(REPO, undefined);
    nock(GITHUB_API).get("/user").reply(403, { message: "Resource not accessible by integration" });
    const standing = renderStandingMarker([{ path: "src/app.ts", error: 1, warning: 0, info: 0 }]);
    nockListReviews(REPO, PR, [{ id: 5150, body: `review\n\n${standing}\n${renderReviewMarker({ sha: HEAD })}`, user: { login: "github-actions[bot]", type: "Bot" } }]);
    nockListReviewComments(REPO, PR);
    nock(GITHUB_API).get(`/repos/${REPO.owner}/${REPO.repo}/pulls/${PR}/files`).query(true).reply(200, [{ filename: "src/app.ts", status: "modified", patch: "@@ -1 +1 @@\n-a\n+b" }]);
    nock(GITHUB_API).get(`/repos/${REPO.owner}/${REPO.repo}/compare/${BASE}...${HEAD}`).reply(200, { status: "ahead", merge_base_commit: { sha: BASE }, files: [] });
    const code = await action(runner({ name: "pull_request", payload: examplePayload("synchronize") }, { INPUT_FAIL_ON: "error" }));
    expect(code).toBe(1);
    expect(out).toContain("Standing there: 1 error in src/app.ts.");
    expect(out).toContain("::error::patchsmith found problems of severity error or worse in Codertocat/Hello-World#2 (fail-on: error); see the review.\n");
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("keeps the review in the job summary when the token is read-only (a pull request from a fork)", async () => {
    nockReads();
    nockCreateReview(REPO, PR, undefined, [403, { message: "Resource not accessible by integration" }]);
    const code = await action(runner({ name: "pull_request", payload: examplePayload("opened") }));
    expect(code).toBe(0);
    expect(file("summary.md")).toContain("### patchsmith review");
    expect(out).toMatch(/::warning::The token may not post a review on Codertocat\/Hello-World#2 \(403 Resource not accessible by integration\).*The review is in this job's summary instead\.\n/);
    expect(file("output.txt")).toBe("findings=2\nreview-id=\n");
  });

  it("skips drafts, as the App does, and actions that do not ask for a review", async () => {
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE, draft: true });
    nockConfig(REPO, undefined);
    expect(await action(runner({ name: "pull_request", payload: examplePayload("opened") }))).toBe(0);
    expect(out).toBe("::notice::patchsmith did not review Codertocat/Hello-World#2: draft pull request (set `drafts: true` in .github/patchsmith.yml to review drafts).\n");
    expect(nock.pendingMocks()).toEqual([]);

    out = "";
    expect(await action(runner({ name: "pull_request", payload: examplePayload("labeled") }))).toBe(0);
    expect(out).toBe("::notice::patchsmith did not review: action labeled does not trigger a review.\n");
  });

  it("says what to do, exit 2, for another event, an empty token, a bad fail-on input and a missing config file", async () => {
    expect(await action(runner({ name: "push", payload: { ref: "refs/heads/main" } }))).toBe(2);
    expect(out).toBe("::error::patchsmith reviews pull requests: run it on `pull_request` events (this run is for a `push` event).\n");

    out = "";
    expect(await action(runner({ name: "pull_request", payload: examplePayload("opened") }, { INPUT_GITHUB_TOKEN: "" }))).toBe(2);
    expect(out).toBe("::error::The github-token input is empty: leave it out to use the workflow's GITHUB_TOKEN, or pass a token that may write pull request reviews.\n");

    out = "";
    expect(await action(runner({ name: "pull_request", payload: examplePayload("opened") }, { INPUT_FAIL_ON: "sometimes" }))).toBe(2);
    expect(out).toBe('::error::The fail-on input is "sometimes": expected error, warning or never (or leave it out to use the config\'s failOn).\n');

    out = "";
    expect(await action(runner({ name: "pull_request", payload: examplePayload("opened") }, { INPUT_CONFIG: "nope.yml" }))).toBe(2);
    expect(out).toBe(`::error::Cannot read the config input nope.yml at ${path.join(dir, "nope.yml")} (ENOENT).\n`);
  });

  it("ends with one annotation when GitHub never answers (PATCHSMITH_GITHUB_TIMEOUT_MS), instead of hanging", async () => {
    const silent = await startSilentServer();
    try {
      const io = runner({ name: "pull_request", payload: examplePayload("opened") }, { GITHUB_API_URL: silent.url, PATCHSMITH_GITHUB_TIMEOUT_MS: "1000" });
      expect(await action(io)).toBe(2);
      expect(out).toBe(
        "::error::GitHub did not answer GET /repos/{owner}/{repo}/pulls/{pull_number} within 1000 ms (PATCHSMITH_GITHUB_TIMEOUT_MS); try again later, or raise the setting if GitHub is slow rather than down.\n",
      );
    } finally {
      await silent.close();
    }
  });

  it("explains a pull request it cannot read, in one annotation", async () => {
    nock(GITHUB_API).get(`/repos/${REPO.owner}/${REPO.repo}/pulls/${PR}`).reply(404, { message: "Not Found" });
    expect(await action(runner({ name: "pull_request_target", payload: examplePayload("opened") }))).toBe(2);
    expect(out).toBe(
      "::error::Codertocat/Hello-World#2 was not found (404): check the owner, repository and number, and that the token can read Codertocat/Hello-World (a private repository needs a token with access to it).\n",
    );
  });
});
