import type { ReviewProgress } from "../review/review-types.js";
import type { JobLog } from "../log/job-log.js";

export interface ProgressReporter {
  /** Note progress; sends an update when the stage changed and enough time passed since the last one. */
  report(progress: ReviewProgress): void;
  /** Wait for the update in flight, if any (before the run is completed). */
  flush(): Promise<void>;
}

/**
 * Turn the engine's frequent progress calls into few check-run updates: one at
 * a time, never two within `intervalMs`, and failures only logged (progress
 * text is a courtesy; the review goes on without it).
 */
export function createProgressReporter(params: {
  readonly send: (progress: ReviewProgress) => Promise<void>;
  readonly now: () => number;
  readonly intervalMs: number;
  readonly log: JobLog;
}): ProgressReporter {
  // The check run was just created with its first text: that counts as the first update.
  let lastSentAt = params.now();
  let lastKey = "";
  let inFlight: Promise<void> = Promise.resolve();
  let busy = false;
  return {
    report(progress) {
      const key = `${progress.stage}:${progress.done}/${progress.total}:${progress.path ?? ""}`;
      const now = params.now();
      if (busy || key === lastKey || now - lastSentAt < params.intervalMs) return;
      lastSentAt = now;
      lastKey = key;
      busy = true;
      inFlight = params
        .send(progress)
        .catch((error: unknown) => {
          params.log.warn({ err: error }, "Could not update the check run's progress; the review goes on");
        })
        .finally(() => {
          busy = false;
        });
    },
    flush: () => inFlight,
  };
}
