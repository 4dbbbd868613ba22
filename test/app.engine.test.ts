import nock from "nock";
import type { Probot } from "probot";
import { describe, expect, it } from "vitest";
import { createApp } from "../src/app.js";
import { readAppSettings } from "../src/config/app-settings.js";
import { createInProcessQueue } from "../src/jobs/create-in-process-queue.js";
import type { ReviewJob } from "../src/github/review-job.js";
import type { ReviewJobOutcome } from "../src/jobs/run-review-job.js";
import { createScriptedGenerator, type ScriptedAnswer } from "../src/llm/scripted-generator.js";
import type { Operation } from "../src/llm/transport.js";
import { reviewChange } from "../src/pipeline/review-change.js";
import { createTestLog } from "./helpers/create-test-log.js";
import { createTestProbot } from "./helpers/create-test-probot.js";
import { webhookEvent } from "./helpers/load-payload.js";
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
  type ListedFile,
  type Sent,
} from "./helpers/nock-github.js";

/**
 * The app with the real review engine (ESLint, the TypeScript language
 * service, validation) on the `pull_request.opened` payload of
 * @octokit/webhooks-examples, every GitHub request mocked.
 */

const REPO = { owner: "Codertocat", repo: "Hello-World" };
const PR = 2;
const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
const NOW = Date.parse("2024-05-01T12:00:00Z");
const TSCONFIG = '{ "compilerOptions": { "strict": true, "target": "ES2022", "module": "NodeNext" } }\n';
const PACKAGE_JSON = '{ "name": "hello-world", "type": "module" }\n';

interface Review {
  readonly commit_id: string;
  readonly event: string;
  readonly body: string;
  readonly comments: readonly { path: string; line: number; start_line?: number; side: string; body: string }[];
}

async function startApp(getGenerator?: () => Promise<ReturnType<typeof createScriptedGenerator> | undefined>): Promise<{
  probot: Probot;
  outcomes: ReviewJobOutcome[];
  idle: () => Promise<void>;
}> {
  const log = createTestLog();
  const queue = createInProcessQueue<ReviewJob>({ log: log.log });
  const outcomes: ReviewJobOutcome[] = [];
  const probot = createTestProbot();
  await probot.load(
    createApp({
      reviewChange,
      queue,
      settings: readAppSettings({}),
      now: () => NOW,
      sleep: () => Promise.resolve(),
      log: log.log,
      ...(getGenerator === undefined ? {} : { getGenerator }),
      onJobDone: (_job, outcome) => outcomes.push(outcome),
    }),
  );
  return { probot, outcomes, idle: () => queue.onIdle() };
}

/** Every request of a first review of PR #2 whose files are `base` → `head`. */
function nockReview(params: {
  readonly files: readonly ListedFile[];
  readonly base: Readonly<Record<string, string>>;
  readonly head: Readonly<Record<string, string>>;
  readonly config?: string;
  readonly reviews: Sent;
  readonly checkRuns: Sent;
}): void {
  nockInstallationToken(1);
  nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE, changedFiles: params.files.length });
  nockConfig(REPO, params.config);
  nockListIssueComments(REPO, PR);
  nockCreateCheckRun(REPO, 31, params.checkRuns);
  nockListReviews(REPO, PR);
  nockListReviewComments(REPO, PR);
  nockListFiles(REPO, PR, params.files);
  nockCompare(REPO, BASE, HEAD, { status: "ahead", mergeBaseSha: BASE });
  nockSnapshot(REPO, BASE, params.base);
  nockSnapshot(REPO, HEAD, params.head);
  nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE, changedFiles: params.files.length });
  nockCreateReview(REPO, PR, params.reviews);
  nockUpdateCheckRun(REPO, 31, params.checkRuns);
}

const MATH_BASE = ["export function area(width: number, height: number): number {", "  return width * height;", "}", ""].join("\n");
const MATH_HEAD = [
  "export function area(width: number, height: number): number {",
  "  let result = width * height;",
  "  return result;",
  "}",
  "",
  "export function shout(text: string): string {",
  "  return text.toUppercase();",
  "}",
  "",
].join("\n");
const MATH_PATCH = [
  "@@ -1,3 +1,8 @@",
  " export function area(width: number, height: number): number {",
  "-  return width * height;",
  "+  let result = width * height;",
  "+  return result;",
  " }",
  "+",
  "+export function shout(text: string): string {",
  "+  return text.toUppercase();",
  "+}",
].join("\n");

const COUNTER_BASE = ["export class Counter {", "  private count = 0;", "", "  increment(): number {", "    this.count += 1;", "    return this.count;", "  }", "}", ""].join("\n");
const COUNTER_ADDED = ["", "export function double(counter: Counter): number {", "  const value = counter.increment();", "  return value + value;", "}"];
const COUNTER_HEAD = `${COUNTER_BASE.trimEnd()}\n${COUNTER_ADDED.join("\n")}\n`;
// New lines 9-13 are added after the class; the hunk shows lines 6-13 of the head.
const COUNTER_PATCH = ["@@ -6,3 +6,8 @@", "     return this.count;", "   }", " }", ...COUNTER_ADDED.map((line) => `+${line}`)].join("\n");

function modelFinding(edit: { startLine: number; endLine: number; replacement: string }): ScriptedAnswer {
  return { findings: [{ startLine: 12, line: 12, quote: "value + value", severity: "warning", category: "maintainability", message: "Doubling by addition hides the intent; multiply instead.", edit }] };
}

async function reviewCounterWith(answers: Partial<Record<Operation, readonly ScriptedAnswer[]>>, config: string): Promise<{ review: Review; generator: ReturnType<typeof createScriptedGenerator>; outcomes: ReviewJobOutcome[] }> {
  const generator = createScriptedGenerator({ answers });
  const { probot, outcomes, idle } = await startApp(() => Promise.resolve(generator));
  const reviews: Sent = [];
  nockReview({
    files: [{ filename: "src/counter.ts", status: "modified", patch: COUNTER_PATCH }],
    base: { "src/counter.ts": COUNTER_BASE, "tsconfig.json": TSCONFIG },
    head: { "src/counter.ts": COUNTER_HEAD, "tsconfig.json": TSCONFIG },
    config,
    reviews,
    checkRuns: [],
  });
  await probot.receive(webhookEvent("pull_request.opened", "delivery-model"));
  await idle();
  expect(nock.pendingMocks()).toEqual([]);
  return { review: reviews[0] as Review, generator, outcomes };
}

describe("createApp with the real review engine", () => {
  it("posts validated deterministic suggestions for a fixable lint error and a type error, on the right lines", async () => {
    const { probot, outcomes, idle } = await startApp();
    const reviews: Sent = [];
    const checkRuns: Sent = [];
    nockReview({
      files: [{ filename: "src/math.ts", status: "modified", patch: MATH_PATCH }],
      base: { "src/math.ts": MATH_BASE, "tsconfig.json": TSCONFIG, "package.json": PACKAGE_JSON },
      head: { "src/math.ts": MATH_HEAD, "tsconfig.json": TSCONFIG, "package.json": PACKAGE_JSON },
      reviews,
      checkRuns,
    });

    await probot.receive(webhookEvent("pull_request.opened", "delivery-engine-1"));
    await idle();

    expect(nock.pendingMocks()).toEqual([]);
    expect(outcomes).toEqual([{ kind: "reviewed", reviewId: 9001, posted: 2, duplicates: 0, notInline: 0, conclusion: "neutral" }]);
    expect(reviews).toHaveLength(1);
    const review = reviews[0] as Review;
    expect(review.commit_id).toBe(HEAD);
    expect(review.event).toBe("COMMENT");
    // Errors first: the type error, then the prefer-const warning.
    expect(review.comments.map((c) => [c.path, c.start_line, c.line, c.side])).toEqual([
      ["src/math.ts", undefined, 7, "RIGHT"],
      ["src/math.ts", undefined, 2, "RIGHT"],
    ]);
    const [types, lint] = review.comments;
    expect(lint?.body).toContain("prefer-const");
    expect(lint?.body).toContain("```suggestion\n  const result = width * height;\n```");
    expect(types?.body).toContain("TS2551");
    expect(types?.body).toContain("```suggestion\n  return text.toUpperCase();\n```");
    expect(review.body).toMatchSnapshot("review body");
    const completed = checkRuns[1] as { conclusion: string; output: { title: string; summary: string } };
    expect(completed.conclusion).toBe("neutral");
    expect(completed.output.title).toBe("2 findings (1 error, 1 warning), 2 validated suggestions");
  });

  it("reviews a PR whose only change is a deleted file: a short summary and no comments", async () => {
    const { probot, outcomes, idle } = await startApp();
    const reviews: Sent = [];
    nockInstallationToken(1);
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockConfig(REPO, undefined);
    nockListIssueComments(REPO, PR);
    nockCreateCheckRun(REPO, 31);
    nockListReviews(REPO, PR);
    nockListReviewComments(REPO, PR);
    nockListFiles(REPO, PR, [{ filename: "src/math.ts", status: "removed", patch: "@@ -1,3 +0,0 @@\n-export function area(width: number, height: number): number {\n-  return width * height;\n-}" }]);
    nockCompare(REPO, BASE, HEAD, { status: "ahead", mergeBaseSha: BASE });
    // The engine lists both snapshots (for tsconfig/package.json) but reads no removed file.
    nockSnapshot(REPO, BASE, { "src/math.ts": MATH_BASE, "tsconfig.json": TSCONFIG });
    nockSnapshot(REPO, HEAD, { "tsconfig.json": TSCONFIG });
    nockGetPull(REPO, { number: PR, headSha: HEAD, baseSha: BASE });
    nockCreateReview(REPO, PR, reviews);
    nockUpdateCheckRun(REPO, 31);

    await probot.receive(webhookEvent("pull_request.opened", "delivery-deleted"));
    await idle();

    expect(outcomes).toEqual([{ kind: "reviewed", reviewId: 9001, posted: 0, duplicates: 0, notInline: 0, conclusion: "success" }]);
    const review = reviews[0] as Review;
    expect(review.comments).toEqual([]);
    expect(review.body).toMatchSnapshot("deleted file review body");
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("reviews a PR with no TypeScript or JavaScript files: a short summary, no comments", async () => {
    const { probot, outcomes, idle } = await startApp();
    const reviews: Sent = [];
    nockReview({
      files: [
        { filename: "README.md", status: "modified", patch: "@@ -1 +1,2 @@\n # Hello-World\n+More words." },
        { filename: "docs/logo.png", status: "added" },
      ],
      base: { "README.md": "# Hello-World\n" },
      head: { "README.md": "# Hello-World\nMore words.\n", "docs/logo.png": "\u0000PNG" },
      reviews,
      checkRuns: [],
    });

    await probot.receive(webhookEvent("pull_request.opened", "delivery-no-code"));
    await idle();

    expect(outcomes.map((o) => o.kind)).toEqual(["reviewed"]);
    const review = reviews[0] as Review;
    expect(review.comments).toEqual([]);
    expect(review.body).toMatchSnapshot("no code review body");
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("posts a model fix that validates as a suggestion block", async () => {
    const { review, generator } = await reviewCounterWith({ review: [modelFinding({ startLine: 12, endLine: 12, replacement: "  return value * 2;" })] }, "model:\n  maxAttempts: 1\n");
    expect(review.comments).toHaveLength(1);
    const [comment] = review.comments;
    expect(comment?.line).toBe(12);
    expect(comment?.body).toContain("```suggestion\n  return value * 2;\n```");
    expect(generator.remaining("review")).toBe(0);
  });

  it("does not post a model fix that fails validation as a suggestion, only as plain advice naming why", async () => {
    const { review } = await reviewCounterWith(
      { review: [modelFinding({ startLine: 11, endLine: 12, replacement: "  const value = counter.increment();\n  return value.times(2) + value;" })] },
      "model:\n  maxAttempts: 1\n",
    );
    expect(review.comments).toHaveLength(1);
    const [comment] = review.comments;
    expect(comment?.line).toBe(12);
    expect(comment?.body).not.toContain("```suggestion");
    expect(comment?.body).toContain("not offered as a suggestion because it did not pass ESLint and TypeScript validation");
    expect(comment?.body).toContain("TS2339: Property 'times' does not exist on type 'number'");
    expect(review.body).toContain("1 proposed · 0 validated · 1 rejected");
  });
});
