import type { Probot } from "probot";
import { createApp } from "../../src/app.js";
import type { CommandOutcome } from "../../src/commands/run-command-job.js";
import { readAppSettings } from "../../src/config/app-settings.js";
import type { CommandJob } from "../../src/jobs/command-job.js";
import { createCommandQueue } from "../../src/jobs/create-command-queue.js";
import { createInProcessQueue } from "../../src/jobs/create-in-process-queue.js";
import type { ReviewJob } from "../../src/github/review-job.js";
import type { ReviewJobOutcome } from "../../src/jobs/run-review-job.js";
import type { Generator } from "../../src/llm/generator.js";
import type { ReviewChange } from "../../src/pipeline/review-types.js";
import { createTestLog } from "../helpers/create-test-log.js";
import { createTestProbot } from "../helpers/create-test-probot.js";
import { emptyResult, fakeReviewChange } from "../helpers/fake-review-change.js";
import type { WebhookEvent } from "../helpers/load-payload.js";

export const REPO = { owner: "Codertocat", repo: "Hello-World" };
export const PR = 2;
export const HEAD = "ec26c3e57ca3a959ca5aad62de7213c562f8c821";
export const BASE = "f95f852bd8fca8fcc58a9a2d6c842781e32a215e";
/** The issue comment and the review comment of the webhooks-examples payloads. */
export const ISSUE_COMMENT_ID = 492700400;
export const REVIEW_COMMENT_ID = 284312630;
export const NOW = Date.parse("2024-05-01T12:00:00Z");

export interface CommandApp {
  readonly probot: Probot;
  readonly commands: { job: CommandJob; outcome: CommandOutcome }[];
  readonly reviews: ReviewJobOutcome[];
  readonly log: ReturnType<typeof createTestLog>;
  /** Send a comment webhook. */
  send(name: "issue_comment" | "pull_request_review_comment" | "pull_request", id: string, payload: Record<string, unknown>): Promise<void>;
  /** Resolves when no command and no review is queued or running. */
  idle(): Promise<void>;
}

/** The real app on a test Probot, with its own queues, the app slug "patchsmith" and the given engine and model. */
export async function startCommandApp(options: { readonly engine?: ReviewChange; readonly generator?: Generator; readonly stallCommandQueue?: boolean; readonly recordJobMs?: number } = {}): Promise<CommandApp> {
  const log = createTestLog();
  const queue = createInProcessQueue<ReviewJob>({ log: log.log });
  const realCommandQueue = createCommandQueue<CommandJob>({ concurrency: 2, log: log.log });
  // A queue that never stores (Redis down): its add never settles.
  const commandQueue = options.stallCommandQueue === true ? { ...realCommandQueue, add: () => new Promise<never>(() => undefined) } : realCommandQueue;
  const commands: { job: CommandJob; outcome: CommandOutcome }[] = [];
  const reviews: ReviewJobOutcome[] = [];
  const probot = createTestProbot();
  const generator = options.generator;
  await probot.load(
    createApp({
      reviewChange: options.engine ?? fakeReviewChange(emptyResult()),
      queue,
      commandQueue,
      settings: readAppSettings({}),
      now: () => NOW,
      sleep: () => Promise.resolve(),
      log: log.log,
      appSlug: "patchsmith",
      getGenerator: () => Promise.resolve(generator),
      onJobDone: (_job, outcome) => reviews.push(outcome),
      onCommandDone: (job, outcome) => commands.push({ job, outcome }),
      ...(options.recordJobMs === undefined ? {} : { recordJobMs: options.recordJobMs }),
    }),
  );
  return {
    probot,
    commands,
    reviews,
    log,
    send: (name, id, payload) => probot.receive({ id, name, payload } as unknown as WebhookEvent),
    async idle() {
      while (commandQueue.size() > 0 || queue.size() > 0) {
        await commandQueue.onIdle();
        await queue.onIdle();
      }
    },
  };
}
