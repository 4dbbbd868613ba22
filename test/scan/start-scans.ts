import os from "node:os";
import type { Probot } from "probot";
import { createInProcessQueue } from "../../src/jobs/create-in-process-queue.js";
import type { Queue } from "../../src/jobs/queue.js";
import { reviewChange } from "../../src/pipeline/review-change.js";
import type { ReviewChange } from "../../src/pipeline/review-types.js";
import { createMemoryScanLock } from "../../src/scan/create-memory-scan-lock.js";
import type { ScanScheduler } from "../../src/scan/create-scan-scheduler.js";
import { readScanSettings, type ScanSettings } from "../../src/scan/read-scan-settings.js";
import { registerScans } from "../../src/scan/register-scans.js";
import type { ScanJobOutcome } from "../../src/scan/run-scan-job.js";
import type { ScanJob } from "../../src/scan/scan-job.js";
import type { ScanLock } from "../../src/scan/scan-lock.js";
import type { Ticker } from "../../src/scan/ticker.js";
import { createTestLog } from "../helpers/create-test-log.js";
import { createTestProbot } from "../helpers/create-test-probot.js";

export interface StartedScans {
  readonly probot: Probot;
  readonly queue: Queue<ScanJob>;
  readonly scheduler: ScanScheduler;
  readonly outcomes: ScanJobOutcome[];
  readonly log: ReturnType<typeof createTestLog>;
  /** Resolves when every queued scan has run. */
  readonly idle: () => Promise<void>;
}

/** A queue that only records what was added (for scheduler tests: nothing runs). */
export function recordingQueue(): Queue<ScanJob> & { readonly added: ScanJob[] } {
  const added: ScanJob[] = [];
  return {
    added,
    add(job) {
      added.push(job.data);
      return "queued";
    },
    process: () => undefined,
    onIdle: () => Promise.resolve(),
    size: () => added.length,
    close: () => Promise.resolve(),
  };
}

/**
 * A real Probot with scans registered the way createApp registers them: the
 * real engine unless one is given, an in-memory lock, the clock and the
 * ticker injected, and progress updates off (an interval nobody reaches).
 */
export async function startScans(options: {
  readonly now: () => number;
  readonly settings?: Partial<ScanSettings>;
  readonly engine?: ReviewChange;
  readonly lock?: ScanLock;
  readonly ticker?: Ticker;
  readonly queue?: Queue<ScanJob>;
} ): Promise<StartedScans> {
  const log = createTestLog();
  const queue = options.queue ?? createInProcessQueue<ScanJob>({ log: log.log });
  const outcomes: ScanJobOutcome[] = [];
  const probot = createTestProbot();
  let scheduler: ScanScheduler | undefined;
  await probot.load((app) => {
    scheduler = registerScans({
      app,
      scans: {
        queue,
        lock: options.lock ?? createMemoryScanLock({ now: options.now }),
        settings: { ...readScanSettings({}), ...options.settings },
        ...(options.ticker === undefined ? {} : { ticker: options.ticker }),
        tempDir: os.tmpdir(),
        onScanDone: (_job, outcome) => outcomes.push(outcome),
      },
      getOctokit: (installationId) => app.auth(installationId),
      reviewChange: options.engine ?? reviewChange,
      now: options.now,
      log: log.log,
      progressIntervalMs: Number.MAX_SAFE_INTEGER,
    });
  });
  if (scheduler === undefined) throw new Error("registerScans did not run");
  return { probot, queue, scheduler, outcomes, log, idle: () => queue.onIdle() };
}
