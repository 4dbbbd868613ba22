import { readFileSync } from "node:fs";
import os from "node:os";
import type { ApplicationFunction } from "probot";
import { createApp } from "./app.js";
import { buildCommandQueue } from "./jobs/build-command-queue.js";
import type { CommandJob } from "./jobs/command-job.js";
import { buildReviewQueue } from "./jobs/build-review-queue.js";
import { buildScanQueue } from "./jobs/build-scan-queue.js";
import { createShutdown } from "./jobs/create-shutdown.js";
import { journalFile } from "./jobs/journal-file.js";
import { openJobJournal } from "./jobs/open-job-journal.js";
import type { ReviewJob } from "./github/review-job.js";
import { sleep } from "./jobs/sleep.js";
import { createGenerator } from "./llm/create-generator.js";
import type { Generator } from "./llm/generator.js";
import type { ReviewChange } from "./pipeline/review-types.js";
import { createEnvironmentProvider } from "./environment/create-environment-provider.js";
import { createThreadedReviewChange } from "./pipeline/worker/create-threaded-review-change.js";
import { createHealthHandler } from "./server/create-health-handler.js";
import { checkProbotEntry } from "./server/check-probot-entry.js";
import { createMetrics } from "./server/create-metrics.js";
import { limitEveryServerBody } from "./server/limit-every-server-body.js";
import { startedByPatchsmith } from "./server/probot-entry-flag.js";
import { createCronTicker } from "./scan/create-cron-ticker.js";
import { createMemoryScanLock } from "./scan/create-memory-scan-lock.js";
import { createRedisScanLock } from "./scan/create-redis-scan-lock.js";
import type { ScanJobOutcome } from "./scan/run-scan-job.js";
import type { ScanJob } from "./scan/scan-job.js";
import { checkPrivateKeyFile } from "./security/check-private-key-file.js";
import { checkWebhookSecret } from "./security/check-webhook-secret.js";
import { appCredentials, createRedactingLog } from "./security/create-redacting-log.js";
import { guardWebhookPayloads } from "./security/guard-webhook-payloads.js";
import { limitReviewsPerRepository } from "./pipeline/limit-reviews-per-repository.js";
import { createTestRunner } from "./testgen/create-test-runner.js";
import { readSettings } from "./read-settings.js";

/**
 * The Probot app, started by `patchsmith start|serve|worker` (runProbot):
 * builds the real dependencies from the environment and hands them to
 * createApp. The model is loaded once per process, starting at boot, and freed on shutdown.
 */
const patchsmith: ApplicationFunction = async (app, options) => {
  const env = process.env;
  // `probot run ./dist/index.js` with REDIS_URL would have put Probot's rate limiter on Redis: refused (throws, so it exits).
  checkProbotEntry({ env, argv: process.argv, startedByPatchsmith: startedByPatchsmith() });
  // Refuses to start in production without a real webhook secret (throws, so the process exits).
  const secretWarning = checkWebhookSecret(env);
  // Refuses to start when PRIVATE_KEY_PATH is not a PEM key (every job would fail with "Invalid keyData").
  checkPrivateKeyFile(env, { cwd: process.cwd(), readFile: (file) => {
    try {
      return readFileSync(file, "utf8");
    } catch {
      return undefined;
    }
  } });
  // Every setting, read once: a value that cannot be used stops the start with a message naming it.
  const { github, app: settings, security, queue: queueSettings, scan: scanSettings } = readSettings(env);
  const log = app.log;
  if (secretWarning !== undefined) log.warn(secretWarning);
  // Everything the app logs goes through this: no tokens, keys or file contents.
  const jobLog = createRedactingLog(log, { secrets: appCredentials(env) });
  guardWebhookPayloads(app.webhooks, { maxBytes: security.maxPayloadBytes });
  // The same limit before a body is read at all: from Content-Length, or counted while a chunked body streams.
  limitEveryServerBody({ maxBytes: security.maxPayloadBytes, path: github.webhookPath, setting: "PATCHSMITH_MAX_PAYLOAD_BYTES" });
  // Reviews: in this process's memory (the job journal is the durable record), or on Redis when REDIS_URL is set.
  const review = buildReviewQueue({ settings: queueSettings, concurrency: settings.concurrency, log: jobLog });
  // Single process: each review is written to the local job journal before the webhook is answered.
  // Slash commands and scans too, each kind in its own file (review-, command-, scan-journal.jsonl).
  const journalOf = (kind: "review" | "command" | "scan") => ({ file: journalFile({ dataDir: settings.dataDir, env, homeDir: os.homedir(), kind }) });
  const journal = !review.needsJournal ? undefined : await openJobJournal<ReviewJob>(journalOf("review"));
  const commandJournal = !review.needsJournal ? undefined : await openJobJournal<CommandJob>(journalOf("command"));
  const scanJournal = !review.needsJournal ? undefined : await openJobJournal<ScanJob>(journalOf("scan"));
  const queue = review.queue;
  // Commands and scans have their own queues, like reviews in this process or on Redis; a `serve` instance only adds to them.
  const commands = buildCommandQueue({ settings: queueSettings, concurrency: settings.concurrency, log: jobLog });
  const commandQueue = commands.queue;
  // Scans: one at a time per process, scheduled by a croner tick (PATCHSMITH_SCAN_TICK_MINUTES=0 schedules none here).
  const scanJobs = buildScanQueue({ settings: queueSettings, log: jobLog });
  const scanQueue = scanJobs.queue;
  const scanTicker = scanSettings.tickMinutes > 0 ? createCronTicker({ minutes: scanSettings.tickMinutes, log: jobLog }) : undefined;
  // With REDIS_URL every instance shares the lock, so each scheduled scan is enqueued and run once.
  const scanLock = queueSettings.redisUrl === undefined ? undefined : createRedisScanLock({ redisUrl: queueSettings.redisUrl, log: jobLog });
  const metrics = createMetrics({ counts: { review: review.counts, command: commands.counts, scan: scanJobs.counts } });
  app.webhooks.onAny(({ name }) => {
    metrics.webhookReceived(name);
  });
  options.addHandler(createHealthHandler({ registry: metrics.registry, ...(review.pingRedis === undefined ? {} : { pingRedis: review.pingRedis }) }));
  const scans = {
    queue: scanQueue,
    lock: scanLock ?? createMemoryScanLock({ now: Date.now }),
    settings: scanSettings,
    tempDir: os.tmpdir(),
    ...(scanTicker === undefined ? {} : { ticker: scanTicker }),
    onScanDone: (_job: ScanJob, outcome: ScanJobOutcome) => {
      metrics.jobDone("scan", outcome.kind);
    },
  };

  const llmLog = {
    info: (message: string): void => {
      log.info(message);
    },
    warn: (message: string): void => {
      log.warn(message);
    },
  };
  let model: Promise<Generator | undefined> | undefined;
  const getGenerator = (): Promise<Generator | undefined> =>
    (model ??= createGenerator({ env, log: llmLog, onUsage: (usage) => {
      metrics.modelUsage(usage);
    } }).then(({ generator, notice }) => {
      if (notice !== undefined) log.warn(notice);
      return generator;
    }));
  // A webhook-only server (`patchsmith serve`) never loads the model.
  if (queueSettings.role !== "serve") void getGenerator();

  // The engine's CPU work (TypeScript, ESLint) runs in worker threads, so webhook answers, queue lock
  // renewals and progress updates go on during a long type check: one worker per review at once, plus one for scans.
  const threadedEngine = createThreadedReviewChange({
    poolSize: settings.concurrency + 1,
    maxOldGenerationSizeMb: settings.analysisMemoryMb,
    memorySetting: "PATCHSMITH_ANALYSIS_MEMORY_MB",
  });
  // Generated tests run only when the operator says so (PATCHSMITH_TESTS_RUN): running them runs the PR's code.
  const testRunner = settings.tests.run ? createTestRunner({ timeoutMs: settings.tests.timeoutMs, ...(settings.tests.node === undefined ? {} : { node: settings.tests.node }) }) : undefined;
  // Dependency declarations from the registry (as data, cached on disk for every review): the repository's own tsc's view.
  const environment = createEnvironmentProvider({ settings: settings.types, env });
  const engine: ReviewChange = (params) => threadedEngine({ ...params, ...(testRunner === undefined ? {} : { testRunner }), ...(environment === undefined ? {} : { environment }) });

  // SIGTERM: no new jobs, the running one gets the grace period, then is requeued; the journal is closed; the model is freed.
  const shutdown = createShutdown({
    queues: [queue, commandQueue, scanQueue],
    // After the queues: the reviews that ended have appended their "done" lines; flushed and synced here.
    afterQueues: [journal, commandJournal, scanJournal].flatMap((opened) => (opened === undefined ? [] : [opened.journal])),
    graceMs: queueSettings.shutdownGraceMs,
    stopTimers: () => {
      scanTicker?.stop();
      void scanLock?.close();
    },
    dispose: async () => {
      // After the queues: a review stopped by the shutdown has already ended with the queue's own reason.
      await threadedEngine.close();
      await (await model)?.dispose();
    },
    exit: (code) => process.exit(code),
    log: jobLog,
  });
  process.once("SIGTERM", (signal) => void shutdown(signal));
  process.once("SIGINT", (signal) => void shutdown(signal));

  const limitedReviewChange = limitReviewsPerRepository(engine, { perHour: security.reviewsPerRepoPerHour, now: Date.now });
  await createApp({
    reviewChange: limitedReviewChange,
    ...(environment === undefined ? {} : { environment }),
    queue,
    ...(journal === undefined ? {} : { journal }),
    ...(commandJournal === undefined ? {} : { commandJournal }),
    ...(scanJournal === undefined ? {} : { scanJournal }),
    onJobDone: (_job, outcome) => {
      metrics.jobDone("review", outcome.kind);
    },
    onReviewed: (report) => {
      metrics.reviewed(report);
    },
    commandQueue,
    onCommandDone: (_job, outcome) => {
      metrics.jobDone("command", outcome.kind);
    },
    settings,
    scans,
    now: Date.now,
    sleep,
    getGenerator,
    log: jobLog,
    ...(github.appSlug === undefined ? {} : { appSlug: github.appSlug }),
  })(app, options);
};

export default patchsmith;
