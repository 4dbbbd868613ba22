import { Worker } from "node:worker_threads";
import type { ReviewChange, ReviewChangeParams, ReviewChangeResult } from "../review-types.js";
import { AnalysisWorkerStoppedError } from "./analysis-worker-stopped-error.js";
import { analysisWorkerScript } from "./analysis-worker-script.js";
import { answerWorkerCall } from "./answer-worker-call.js";
import { createWorkerPool, type PooledWorker, type WorkerPool } from "./create-worker-pool.js";
import { deserializeError } from "./deserialize-error.js";
import { ReviewEngineClosedError } from "./review-engine-closed-error.js";
import type { ToWorkerMessage, WorkerReviewParams } from "./review-worker-protocol.js";
import { serializeError } from "./serialize-error.js";

export interface ThreadedReviewChangeOptions {
  /** Worker threads, each running one review at a time (the review concurrency). Default 1. */
  readonly poolSize?: number;
  /** Heap limit of each worker, in MB; a review that needs more fails alone, and the worker is replaced. Default 4096. */
  readonly maxOldGenerationSizeMb?: number;
  /** The setting an operator changes to raise that limit, named in the out-of-memory error. Default "maxOldGenerationSizeMb". */
  readonly memorySetting?: string;
  /** After a review is cancelled, how long its worker may take to stop before it is terminated and replaced. Default 30 s. */
  readonly abortGraceMs?: number;
  /** The worker's entry module. Default: review-worker.js next to this module (review-worker.ts under vitest or tsx). */
  readonly workerUrl?: URL;
}

export type ThreadedReviewChange = ReviewChange & {
  /** Terminate the workers: running and waiting reviews reject with a clear error, new ones are refused. */
  close(): Promise<void>;
};

const DEFAULT_MEMORY_MB = 4096;

/**
 * The review engine run in a pool of worker threads, a drop-in for
 * `reviewChange`: the TypeScript language service and ESLint keep the worker
 * busy, not the main event loop, so webhook answers, queue lock renewals and
 * progress updates go on while a big pull request is analysed.
 *  1. take a warm worker (or start one; or wait for one, in order);
 *  2. send it the review's plain data (diff, config, PR text, the generator's facts);
 *  3. answer its calls on this thread: file reads, model calls, test runs;
 *  4. pass on progress; on cancellation, tell the worker and reject with the caller's own reason;
 *  5. hand back its result, or its error rebuilt (errors from this thread's objects come back as themselves).
 * `params.now` stays here: the worker times its stages with its own clock.
 */
export function createThreadedReviewChange(options: ThreadedReviewChangeOptions = {}): ThreadedReviewChange {
  const memoryMb = options.maxOldGenerationSizeMb ?? DEFAULT_MEMORY_MB;
  const memorySetting = options.memorySetting ?? "maxOldGenerationSizeMb";
  const abortGraceMs = options.abortGraceMs ?? 30_000;
  const poolSize = options.poolSize ?? 1;
  if (!Number.isInteger(poolSize) || poolSize < 1) throw new Error(`poolSize must be a whole number of worker threads, at least 1 (got ${poolSize}).`);
  if (!(memoryMb > 0)) throw new Error(`maxOldGenerationSizeMb must be a positive number of megabytes (got ${memoryMb}).`);
  const script = analysisWorkerScript(options.workerUrl ?? new URL(import.meta.url.endsWith(".ts") ? "./review-worker.ts" : "./review-worker.js", import.meta.url));
  const pool = createWorkerPool({
    size: poolSize,
    start: () => new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: memoryMb }, name: "patchsmith-analysis" }),
    stopError: (cause) => {
      const unfinished = "the review was not finished";
      if ("exitCode" in cause) return new AnalysisWorkerStoppedError(`The analysis worker stopped: it exited with code ${cause.exitCode}; ${unfinished}; re-run it, and report it as a bug if it happens again.`);
      const code = (cause.error as { code?: unknown }).code;
      if (code === "ERR_WORKER_OUT_OF_MEMORY") {
        return new AnalysisWorkerStoppedError(`The analysis worker stopped: it ran out of memory (its limit is ${memoryMb} MB); ${unfinished}; re-run it, or raise ${memorySetting} for pull requests this large.`, { cause: cause.error });
      }
      return new AnalysisWorkerStoppedError(`The analysis worker stopped: ${cause.error.message}; ${unfinished}; re-run it, and report it as a bug if it happens again.`, { cause: cause.error });
    },
    closedError: (running) =>
      new ReviewEngineClosedError(
        running ? "The analysis worker was closed while the review ran (patchsmith is shutting down); the review was not finished; re-run it." : "The review engine is closed (patchsmith is shutting down); the review did not start; re-run it.",
      ),
  });
  let nextReviewId = 1;
  const threaded = async (params: ReviewChangeParams): Promise<ReviewChangeResult> => {
    params.signal?.throwIfAborted();
    const worker = await pool.acquire(params.signal);
    // Closed in the moment between getting the worker and starting on it: nothing would ever answer.
    if (!worker.alive) throw worker.stopError ?? new Error("The analysis worker stopped before the review started; re-run it.");
    if (params.signal?.aborted === true) {
      // Aborted in the moment between getting the worker and starting on it.
      pool.release(worker);
      params.signal.throwIfAborted();
    }
    return runInWorker({ pool, worker, params, reviewId: nextReviewId++, abortGraceMs });
  };
  return Object.assign(threaded, { close: () => pool.close() });
}

/** One review on one worker, from `start` to `done` (or the worker's end). */
function runInWorker(run: { readonly pool: WorkerPool; readonly worker: PooledWorker; readonly params: ReviewChangeParams; readonly reviewId: number; readonly abortGraceMs: number }): Promise<ReviewChangeResult> {
  const { pool, worker, params, reviewId } = run;
  const { signal } = params;
  const post = (message: ToWorkerMessage): void => {
    if (worker.alive) worker.worker.postMessage(message);
  };
  // Per-call controllers: the worker's cancel, or the review's end, aborts them.
  const calls = new Map<number, AbortController>();
  const abortCalls = (): void => {
    for (const controller of calls.values()) controller.abort(new DOMException("The review ended before this call finished.", "AbortError"));
  };
  // Errors this thread sent to the worker, by ref: when one comes back, it is handed on as itself.
  const sentErrors = new Map<number, unknown>();
  const refs = new WeakMap<object, number>();
  const refOf = (error: object): number => {
    let ref = refs.get(error);
    if (ref === undefined) {
      ref = sentErrors.size + 1;
      refs.set(error, ref);
      sentErrors.set(ref, error);
    }
    return ref;
  };
  let grace: NodeJS.Timeout | undefined;

  return new Promise<ReviewChangeResult>((resolve, rejectWith) => {
    // The worker's errors are rebuilt as Errors; those from this thread's own objects come back as they were thrown.
    const reject = (error: Error): void => {
      rejectWith(error);
    };
    let settled = false;
    const settle = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      outcome();
    };
    /** Stop the worker's review: it notices at its next check; one stuck in a long computation is replaced. */
    const cancelInWorker = (): void => {
      // Once: a second grace timer would outlive the first's clearTimeout and discard the worker under the next review.
      if (grace !== undefined) return;
      abortCalls();
      post({ type: "abort", reviewId });
      grace = setTimeout(() => {
        pool.discard(worker);
      }, run.abortGraceMs);
      grace.unref();
    };
    const onAbort = (): void => {
      settle(() => {
        reject(signal?.reason as Error);
      });
      cancelInWorker();
    };

    worker.onStop = (error) => {
      clearTimeout(grace);
      abortCalls();
      settle(() => {
        reject(error);
      });
    };
    worker.onMessage = (message) => {
      if (message.reviewId !== reviewId) return;
      switch (message.type) {
        case "call": {
          if (settled) {
            // Asked before the worker heard of the review's end: the answer is not wanted, so the call is not made.
            post({ type: "reply", reviewId, callId: message.callId, ok: false, error: serializeError(new DOMException("The review ended before this call was made.", "AbortError")) });
            break;
          }
          const controller = new AbortController();
          calls.set(message.callId, controller);
          const { callId } = message;
          Promise.resolve()
            .then(() => answerWorkerCall(message.call, { head: params.head, base: params.base, ...(params.generator ? { generator: params.generator } : {}), ...(params.testRunner ? { testRunner: params.testRunner } : {}), ...(params.environment ? { environment: params.environment } : {}) }, controller.signal))
            .then(
              (value) => {
                try {
                  post({ type: "reply", reviewId, callId, ok: true, value });
                } catch (error) {
                  post({ type: "reply", reviewId, callId, ok: false, error: serializeError(new Error(`The answer to the analysis worker's ${message.call.method} call could not be sent to it: ${(error as Error).message}`)) });
                }
              },
              (error: unknown) => {
                post({ type: "reply", reviewId, callId, ok: false, error: serializeError(error, refOf) });
              },
            )
            .finally(() => calls.delete(callId));
          break;
        }
        case "cancel":
          calls.get(message.callId)?.abort(new DOMException("The analysis worker cancelled this call.", "AbortError"));
          break;
        case "progress":
          if (settled) break;
          try {
            params.onProgress?.(message.progress);
          } catch (error) {
            // A progress callback that throws ends the review with its error.
            settle(() => {
              reject(error as Error);
            });
            cancelInWorker();
          }
          break;
        case "done":
          clearTimeout(grace);
          abortCalls();
          settle(() => {
            if (message.ok) resolve(message.result);
            else reject(deserializeError(message.error, (ref) => sentErrors.get(ref)) as Error);
          });
          pool.release(worker);
          break;
      }
    };

    signal?.addEventListener("abort", onAbort, { once: true });
    try {
      post({ type: "start", reviewId, params: wireParams(params) });
    } catch (error) {
      settle(() => {
        reject(new Error(`The review could not be sent to the analysis worker: ${(error as Error).message}. Its diff, config and PR text must be plain data.`, { cause: error }));
      });
      pool.release(worker);
    }
  });
}

/** The review's parameters as data for the worker; FileSources, the generator and the runner stay here. */
function wireParams(params: ReviewChangeParams): WorkerReviewParams {
  const generator = params.generator;
  return {
    diff: params.diff,
    config: params.config,
    head: { description: params.head.description },
    base: { description: params.base.description },
    testRunner: params.testRunner !== undefined,
    environment: params.environment !== undefined,
    progress: params.onProgress !== undefined,
    ...(params.pr === undefined ? {} : { pr: { title: params.pr.title, body: params.pr.body } }),
    ...(params.repo === undefined ? {} : { repo: { owner: params.repo.owner, name: params.repo.name } }),
    ...(params.modelTokenBudget === undefined ? {} : { modelTokenBudget: params.modelTokenBudget }),
    ...(generator === undefined ? {} : { generator: { name: generator.name, promptTokenLimit: generator.promptTokenLimit, parallelism: generator.parallelism, description: generator.describe(), canScore: generator.canScore, ...(generator.ownFindingsOff === undefined ? {} : { ownFindingsOff: generator.ownFindingsOff }) } }),
  };
}
