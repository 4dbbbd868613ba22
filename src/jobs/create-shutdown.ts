import type { JobLog } from "../log/job-log.js";
import type { CloseOptions } from "./queue.js";

/** Anything the shutdown closes: a queue (with the grace period) or another resource. */
export interface Closable {
  close(options?: CloseOptions): Promise<void>;
}

/**
 * Graceful shutdown on SIGTERM/SIGINT:
 *  1. stop the timers that make new work (scan ticks);
 *  2. close every queue: take no new job, let running ones finish within `graceMs`,
 *     then abort them (a durable queue puts them back; in-process, the job journal keeps them);
 *  3. close what the queues' jobs wrote to (`afterQueues`: the job journal, so the "done"
 *     lines of jobs that ended are on disk and a restart does not run them again);
 *  4. dispose the model and anything else given;
 *  5. exit (0, or 1 when a step failed).
 * A second signal while stopping exits at once, and so does the end of the
 * grace period plus `stopMarginMs`: a job stuck in a request that ignores the
 * abort cannot hold the process past it (the durable queue's stalled-job
 * recovery, or the job journal in-process, brings the job back).
 */
export function createShutdown(params: {
  readonly queues: readonly Closable[];
  /** Closed once every queue is (the job journal): nothing writes to them after that. */
  readonly afterQueues?: readonly Closable[];
  readonly graceMs: number;
  readonly stopTimers?: () => void;
  readonly dispose?: () => Promise<void>;
  readonly exit: (code: number) => void;
  readonly log: JobLog;
  /** Time after the grace period for aborted jobs to hand back and the model to be freed (default 2 s). */
  readonly stopMarginMs?: number;
  /** Starts the hard-stop timer and returns its cancel (default: an unref'd setTimeout). */
  readonly setTimer?: (callback: () => void, ms: number) => () => void;
}): (signal: string) => Promise<void> {
  let stopping = false;
  const setTimer =
    params.setTimer ??
    ((callback: () => void, ms: number) => {
      const timer = setTimeout(callback, ms).unref();
      return () => {
        clearTimeout(timer);
      };
    });
  return async (signal) => {
    if (stopping) {
      params.log.warn({ signal }, `${signal} again: exiting now`);
      params.exit(1);
      return;
    }
    stopping = true;
    params.log.info({ signal, graceMs: params.graceMs }, `${signal}: taking no new jobs; running ones get ${String(params.graceMs)} ms to finish, then go back to the queue`);
    const hardStopMs = params.graceMs + (params.stopMarginMs ?? 2_000);
    const cancelHardStop = setTimer(() => {
      params.log.error({ signal, hardStopMs }, `${signal}: still stopping ${String(hardStopMs)} ms later (a job or request did not end when aborted); exiting now, its job will be run again`);
      params.exit(1);
    }, hardStopMs);
    let code = 0;
    try {
      params.stopTimers?.();
      await Promise.all(params.queues.map((queue) => queue.close({ graceMs: params.graceMs })));
    } catch (error) {
      code = 1;
      params.log.error({ err: error }, "Could not close the queues cleanly");
    }
    try {
      await Promise.all((params.afterQueues ?? []).map((closable) => closable.close()));
    } catch (error) {
      code = 1;
      params.log.error({ err: error }, "Could not close the job journal cleanly (jobs that ended may run again after the restart)");
    }
    try {
      await params.dispose?.();
    } catch (error) {
      code = 1;
      params.log.error({ err: error }, "Could not free the model");
    }
    cancelHardStop();
    params.exit(code);
  };
}
