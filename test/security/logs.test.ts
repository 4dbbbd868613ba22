import { describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { readAppSettings } from "../../src/config/app-settings.js";
import { createInProcessQueue } from "../../src/jobs/create-in-process-queue.js";
import type { ReviewJob } from "../../src/github/review-job.js";
import type { ReviewJobOutcome } from "../../src/jobs/run-review-job.js";
import { reviewChange } from "../../src/pipeline/review-change.js";
import { appCredentials, createRedactingLog } from "../../src/security/create-redacting-log.js";
import { createTestLog } from "../helpers/create-test-log.js";
import { createTestProbot, testPrivateKey } from "../helpers/create-test-probot.js";
import { loadPayload, webhookEvent } from "../helpers/load-payload.js";
import {
  nockCompare,
  nockConfig,
  nockCreateCheckRun,
  nockCreateReview,
  nockGetPull,
  nockInstallationToken,
  nockListFiles,
  nockListIssueComments,
  nockListReviewComments,
  nockListReviews,
  nockSnapshot,
  nockUpdateCheckRun,
  type Sent,
} from "../helpers/nock-github.js";
import { fakeCredentials, fakePrivateKey } from "./fake-credentials.js";

const REPO = { owner: "Codertocat", repo: "Hello-World" };
const PR = 2;
const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const c = fakeCredentials(9);
const key = fakePrivateKey();
const CONTENT_CANARY = "distinctiveFileContentCanary";
const BODY_CANARY = "distinctive-pr-body-canary";

const BASE_TEXT = "export function greet(name: string): string {\n  return name;\n}\n";
const HEAD_TEXT = `${BASE_TEXT}\nexport const ${CONTENT_CANARY} = "${c.githubToken}";\nexport const signingKey = \`${key}\`;\n`;
const ADDED = HEAD_TEXT.split("\n").slice(3, -1);
const PATCH = [`@@ -1,3 +1,${3 + ADDED.length} @@`, ...BASE_TEXT.trimEnd().split("\n").map((l) => ` ${l}`), ...ADDED.map((l) => `+${l}`)].join("\n");

describe("logs carry no tokens, keys or file contents", () => {
  it("a whole review with secrets in the files, the description and the installation token logs none of them at info level or above", async () => {
    const raw = createTestLog();
    const env = { PRIVATE_KEY: testPrivateKey(), WEBHOOK_SECRET: "test-secret-with-some-length" };
    const log = createRedactingLog(raw.log, { secrets: appCredentials(env) });
    const queue = createInProcessQueue<ReviewJob>({ log });
    const outcomes: ReviewJobOutcome[] = [];
    const probot = createTestProbot();
    await probot.load(createApp({ reviewChange, queue, settings: readAppSettings({}), now: () => 0, sleep: () => Promise.resolve(), log, onJobDone: (_job, outcome) => outcomes.push(outcome) }));

    const reviews: Sent = [];
    nockInstallationToken(1, { token: c.installationToken });
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE, body: `${BODY_CANARY} token ${c.npmToken}` });
    nockConfig(REPO, undefined);
    nockListIssueComments(REPO, PR);
    nockCreateCheckRun(REPO, 31);
    nockListReviews(REPO, PR);
    nockListReviewComments(REPO, PR);
    nockListFiles(REPO, PR, [{ filename: "src/greet.ts", status: "modified", patch: PATCH }]);
    nockCompare(REPO, BASE, HEAD, { status: "ahead", mergeBaseSha: BASE });
    nockSnapshot(REPO, BASE, { "src/greet.ts": BASE_TEXT });
    nockSnapshot(REPO, HEAD, { "src/greet.ts": HEAD_TEXT });
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockCreateReview(REPO, PR, reviews);
    nockUpdateCheckRun(REPO, 31);

    await probot.receive(webhookEvent("pull_request.opened", "delivery-logs", loadPayload("pull_request.opened")));
    await queue.onIdle();

    expect(outcomes).toEqual([expect.objectContaining({ kind: "reviewed" })]);
    // The review found the secrets and said so without repeating them.
    const posted = JSON.stringify(reviews);
    expect(posted).toContain("secret/github-token");
    expect(posted).toContain("secret/private-key");
    // What the app logged: something at info level, and none of the secrets or contents at any level from info up.
    const logged = raw.entries.filter((entry) => entry.level !== "debug");
    expect(logged.some((entry) => entry.level === "info" && entry.msg.startsWith("Reviewed Codertocat/Hello-World#2"))).toBe(true);
    const text = JSON.stringify(logged);
    for (const secret of [c.installationToken, c.githubToken, c.npmToken, ...key.split("\n").slice(1, -1), ...testPrivateKey().split("\n").slice(1, -1)]) {
      expect(text).not.toContain(secret);
    }
    expect(text).not.toContain(CONTENT_CANARY);
    expect(text).not.toContain(BODY_CANARY);
    expect(posted).not.toContain(c.githubToken);
  });
});
