import type { RepoConfig } from "../../config/repo-config.js";
import type { EnvironmentRequest } from "../../environment/acquire-environment.js";
import type { AnswerQuestionRequest, FixRangeRequest, GenerateOptions, ReviewHunksRequest, ScoreLinesRequest, VerifyClaimRequest, WriteTestsRequest } from "../../llm/generator.js";
import type { ModelUsage } from "../../llm/model-usage.js";
import type { TestConventions } from "../../testgen/test-conventions.js";
import type { FileDiff, Revision } from "../../types.js";
import type { ReviewChangeResult } from "../review-types.js";
import type { ReviewProgress } from "../../review/review-types.js";

/**
 * The messages between the main thread and an analysis worker. Everything
 * here survives structured clone: plain data, Maps and Sets, no functions.
 * The main thread owns every kind of I/O (files, the model, the test runner);
 * the worker asks for it with `call` and gets a `reply`.
 */

/** An error as it crosses the thread boundary; `ref` names an error object the main thread still holds. */
export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
  /** Own fields of primitive value (`status`, `tokens`, `code`, ...). */
  readonly fields: Readonly<Record<string, string | number | boolean | null>>;
  readonly cause?: SerializedError;
  /** Set when the error (or the error it was rebuilt from) came from a call the main thread answered. */
  readonly ref?: number;
}

/** The generator as data: what is not an async method. */
export interface GeneratorFacts {
  readonly name: string;
  readonly promptTokenLimit: number;
  readonly parallelism: number;
  readonly description: string;
  readonly ownFindingsOff?: string;
  readonly canScore: boolean;
}

/** The review's parameters without the objects that stay on the main thread. */
export interface WorkerReviewParams {
  readonly diff: readonly FileDiff[];
  readonly config: RepoConfig;
  readonly pr?: { readonly title: string; readonly body: string };
  readonly repo?: { readonly owner: string; readonly name: string };
  readonly modelTokenBudget?: number;
  readonly head: { readonly description: string };
  readonly base: { readonly description: string };
  readonly generator?: GeneratorFacts;
  readonly testRunner: boolean;
  /** Whether the main thread acquires dependency declarations for this review. */
  readonly environment?: boolean;
  readonly progress: boolean;
}

/** Per-call generation settings; the signal stays behind (a `cancel` message stands for it), and usage comes back with the answer. */
export type WireGenerateOptions = Omit<GenerateOptions, "signal" | "onUsage">;

/** The main thread's answer to a generation call: the model's answer and what each generation cost. */
export interface GenerationReply {
  readonly answer: unknown;
  readonly usages: readonly ModelUsage[];
}

/** What the worker may ask the main thread to do. */
export type RemoteCall =
  | { readonly target: "source"; readonly revision: Revision; readonly method: "readText"; readonly args: readonly [path: string] }
  | { readonly target: "source"; readonly revision: Revision; readonly method: "listPaths"; readonly args: readonly [] }
  | { readonly target: "generator"; readonly method: "countTokens"; readonly args: readonly [text: string] }
  | { readonly target: "generator"; readonly method: "measureReviewPrompt"; readonly args: readonly [request: ReviewHunksRequest] }
  | { readonly target: "generator"; readonly method: "reviewHunks"; readonly args: readonly [request: ReviewHunksRequest, options: WireGenerateOptions] }
  | { readonly target: "generator"; readonly method: "fixRange"; readonly args: readonly [request: FixRangeRequest, options: WireGenerateOptions] }
  | { readonly target: "generator"; readonly method: "writeTests"; readonly args: readonly [request: WriteTestsRequest, options: WireGenerateOptions] }
  | { readonly target: "generator"; readonly method: "answerQuestion"; readonly args: readonly [request: AnswerQuestionRequest, options: WireGenerateOptions] }
  | { readonly target: "generator"; readonly method: "verifyClaim"; readonly args: readonly [request: VerifyClaimRequest, options: WireGenerateOptions] }
  | { readonly target: "generator"; readonly method: "scoreLines"; readonly args: readonly [request: ScoreLinesRequest, options: WireGenerateOptions] }
  | { readonly target: "environment"; readonly method: "acquire"; readonly args: readonly [request: EnvironmentRequest] }
  | {
      readonly target: "testRunner";
      readonly method: "run";
      readonly args: readonly [
        params: {
          /** Which snapshot the tests run in: the main thread holds the FileSource. */
          readonly source: Revision;
          readonly tests: readonly { readonly path: string; readonly content: string }[];
          readonly conventions: TestConventions;
        },
      ];
    };

/** Main thread → worker. */
export type ToWorkerMessage =
  | { readonly type: "start"; readonly reviewId: number; readonly params: WorkerReviewParams }
  | { readonly type: "abort"; readonly reviewId: number }
  | { readonly type: "reply"; readonly reviewId: number; readonly callId: number; readonly ok: true; readonly value: unknown }
  | { readonly type: "reply"; readonly reviewId: number; readonly callId: number; readonly ok: false; readonly error: SerializedError };

/** Worker → main thread. */
export type FromWorkerMessage =
  | { readonly type: "call"; readonly reviewId: number; readonly callId: number; readonly call: RemoteCall }
  | { readonly type: "cancel"; readonly reviewId: number; readonly callId: number }
  | { readonly type: "progress"; readonly reviewId: number; readonly progress: ReviewProgress }
  | { readonly type: "done"; readonly reviewId: number; readonly ok: true; readonly result: ReviewChangeResult }
  | { readonly type: "done"; readonly reviewId: number; readonly ok: false; readonly error: SerializedError };

/** The port each side talks through: a worker's parentPort, a Worker, or one end of a MessageChannel in tests. */
export interface MessageEndpoint<In, Out> {
  postMessage(message: Out): void;
  on(event: "message", listener: (message: In) => void): unknown;
}
