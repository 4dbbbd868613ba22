import type { AcquiredEnvironment } from "../../environment/acquire-environment.js";
import type { GenerateOptions, Generator } from "../../llm/generator.js";
import type { TestRunner } from "../../testgen/test-runner.js";
import type { FileSource, ReadResult, Revision } from "../../types.js";
import { reviewChange } from "../review-change.js";
import type { ReviewChange, ReviewChangeParams } from "../review-types.js";
import { deserializeError } from "./deserialize-error.js";
import type { FromWorkerMessage, GenerationReply, GeneratorFacts, MessageEndpoint, RemoteCall, ToWorkerMessage, WorkerReviewParams } from "./review-worker-protocol.js";
import { serializeError } from "./serialize-error.js";

interface PendingCall {
  readonly resolve: (value: unknown) => void;
  /** With the error as the main thread's call failed (rebuilt; usually an Error). */
  readonly reject: (error: Error) => void;
}

interface RunningReview {
  readonly controller: AbortController;
  readonly pending: Map<number, PendingCall>;
  /** Errors rebuilt from the main thread's replies, and the ref each one came with. */
  readonly refs: WeakMap<object, number>;
}

/**
 * The worker side of the threaded engine: runs `reviewChange` for each
 * `start` message, with stand-ins for everything that does I/O. A file read,
 * a model call or a test run becomes a `call` the main thread answers; a
 * generation's signal becomes a `cancel`; progress is posted as it happens.
 * `engine` is the real reviewChange except in tests of this module.
 */
export function serveReviews(port: MessageEndpoint<ToWorkerMessage, FromWorkerMessage>, engine: ReviewChange = reviewChange): void {
  const reviews = new Map<number, RunningReview>();
  port.on("message", (message) => {
    if (message.type === "start") {
      const review: RunningReview = { controller: new AbortController(), pending: new Map(), refs: new WeakMap() };
      reviews.set(message.reviewId, review);
      void runReview(port, engine, message.reviewId, message.params, review).finally(() => reviews.delete(message.reviewId));
    } else if (message.type === "abort") {
      reviews.get(message.reviewId)?.controller.abort(new DOMException("The review was cancelled on the main thread.", "AbortError"));
    } else {
      const review = reviews.get(message.reviewId);
      const call = review?.pending.get(message.callId);
      if (review === undefined || call === undefined) return;
      review.pending.delete(message.callId);
      if (message.ok) call.resolve(message.value);
      else call.reject(deserializeError(message.error, () => undefined, (error, ref) => review.refs.set(error, ref)) as Error);
    }
  });
}

async function runReview(port: MessageEndpoint<ToWorkerMessage, FromWorkerMessage>, engine: ReviewChange, reviewId: number, wire: WorkerReviewParams, review: RunningReview): Promise<void> {
  let nextCallId = 1;
  const call = (remote: RemoteCall, signal?: AbortSignal): Promise<unknown> => {
    if (signal?.aborted === true) return Promise.reject(signal.reason as Error);
    const callId = nextCallId++;
    return new Promise((resolve, reject) => {
      const cancel = (): void => {
        port.postMessage({ type: "cancel", reviewId, callId });
      };
      signal?.addEventListener("abort", cancel, { once: true });
      const done = (): void => {
        signal?.removeEventListener("abort", cancel);
      };
      review.pending.set(callId, {
        resolve: (value) => {
          done();
          resolve(value);
        },
        reject: (error) => {
          done();
          reject(error);
        },
      });
      port.postMessage({ type: "call", reviewId, callId, call: remote });
    });
  };
  const head = remoteSource(call, "head", wire.head.description);
  const base = remoteSource(call, "base", wire.base.description);
  const params: ReviewChangeParams = {
    head,
    base,
    diff: wire.diff,
    config: wire.config,
    signal: review.controller.signal,
    ...(wire.pr === undefined ? {} : { pr: wire.pr }),
    ...(wire.repo === undefined ? {} : { repo: wire.repo }),
    ...(wire.modelTokenBudget === undefined ? {} : { modelTokenBudget: wire.modelTokenBudget }),
    ...(wire.generator === undefined ? {} : { generator: remoteGenerator(call, wire.generator) }),
    ...(wire.testRunner ? { testRunner: remoteTestRunner(call, { head, base }) } : {}),
    ...(wire.environment === true ? { environment: (request, signal) => call({ target: "environment", method: "acquire", args: [request] }, signal) as Promise<AcquiredEnvironment> } : {}),
    ...(wire.progress
      ? {
          onProgress: (progress) => {
            port.postMessage({ type: "progress", reviewId, progress });
          },
        }
      : {}),
  };
  const refOf = (error: object): number | undefined => review.refs.get(error);
  try {
    const result = await engine(params);
    try {
      port.postMessage({ type: "done", reviewId, ok: true, result });
    } catch (error) {
      // A result that does not survive structured clone is a bug in the engine; say which.
      const why = new Error(`The review finished, but its result could not be sent back from the analysis worker (${(error as Error).message}). This is a bug in patchsmith: please report it.`);
      port.postMessage({ type: "done", reviewId, ok: false, error: serializeError(why) });
    }
  } catch (error) {
    port.postMessage({ type: "done", reviewId, ok: false, error: serializeError(error, refOf) });
  }
}

type Call = (remote: RemoteCall, signal?: AbortSignal) => Promise<unknown>;

function remoteSource(call: Call, revision: Revision, description: string): FileSource {
  return {
    description,
    readText: (path) => call({ target: "source", revision, method: "readText", args: [path] }) as Promise<ReadResult>,
    listPaths: () => call({ target: "source", revision, method: "listPaths", args: [] }) as Promise<readonly string[]>,
  };
}

/** The main thread's generator: its facts as data, its work as calls (each answer comes back with its usage, told to the caller's onUsage). */
function remoteGenerator(call: Call, facts: GeneratorFacts): Generator {
  const generate = async <M extends "reviewHunks" | "fixRange" | "writeTests" | "answerQuestion" | "verifyClaim" | "scoreLines">(method: M, request: Parameters<Generator[M]>[0], options: GenerateOptions | undefined): Promise<Awaited<ReturnType<Generator[M]>>> => {
    const { signal, onUsage, ...rest } = options ?? {};
    const reply = (await call({ target: "generator", method, args: [request, rest] } as RemoteCall, signal)) as GenerationReply;
    for (const usage of reply.usages) onUsage?.(usage);
    return reply.answer as Awaited<ReturnType<Generator[M]>>;
  };
  return {
    name: facts.name,
    promptTokenLimit: facts.promptTokenLimit,
    parallelism: facts.parallelism,
    ...(facts.ownFindingsOff === undefined ? {} : { ownFindingsOff: facts.ownFindingsOff }),
    describe: () => facts.description,
    countTokens: (text) => call({ target: "generator", method: "countTokens", args: [text] }) as Promise<number>,
    measureReviewPrompt: (request) => call({ target: "generator", method: "measureReviewPrompt", args: [request] }) as Promise<number>,
    reviewHunks: (request, options) => generate("reviewHunks", request, options),
    fixRange: (request, options) => generate("fixRange", request, options),
    writeTests: (request, options) => generate("writeTests", request, options),
    answerQuestion: (request, options) => generate("answerQuestion", request, options),
    verifyClaim: (request, options) => generate("verifyClaim", request, options),
    canScore: facts.canScore,
    scoreLines: (request, options) => generate("scoreLines", request, options),
    // The model belongs to the main thread, which frees it at shutdown.
    dispose: () => Promise.resolve(),
  };
}

/** The main thread's test runner; the snapshot travels as "head" or "base", the main thread holds the FileSource. */
function remoteTestRunner(call: Call, sources: Readonly<Record<Revision, FileSource>>): TestRunner {
  return {
    run: ({ source, tests, conventions, signal }) => {
      const revision = source === sources.head ? "head" : source === sources.base ? "base" : undefined;
      if (revision === undefined) {
        return Promise.reject(new Error(`The analysis worker can run tests only in the review's own head or base snapshot, not in ${source.description}; this is a bug in patchsmith: please report it.`));
      }
      return call({ target: "testRunner", method: "run", args: [{ source: revision, tests, conventions }] }, signal) as ReturnType<TestRunner["run"]>;
    },
  };
}
