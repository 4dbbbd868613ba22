import type { Diagnostic, Hunk } from "../types.js";
import type { ModelUsage } from "./model-usage.js";
import type { ContextFile } from "./prompts/likelihood-prefix.js";
import type { AnswerOutput } from "./schemas/answer-schema.js";
import type { FixOutput } from "./schemas/fix-schema.js";
import type { ReviewOutput } from "./schemas/review-schema.js";
import type { TestsOutput } from "./schemas/tests-schema.js";

export type { AnswerOutput } from "./schemas/answer-schema.js";
export type { FixOutput } from "./schemas/fix-schema.js";
export type { ModelFinding, ReviewOutput } from "./schemas/review-schema.js";
export type { TestsOutput } from "./schemas/tests-schema.js";

/** PR title and description: untrusted text, only ever shown to the model as labelled data. */
export interface PullRequestText {
  readonly title: string;
  readonly body: string;
}

/** Per-call settings; every field has a default in the generator. */
export interface GenerateOptions {
  /** Cancels the generation (e.g. the job was cancelled or the process is shutting down). */
  readonly signal?: AbortSignal;
  /** Sampling temperature; 0 (greedy, reproducible) by default. */
  readonly temperature?: number;
  /** Most tokens the answer may have. */
  readonly maxTokens?: number;
  /** Time limit for this one generation, in milliseconds. */
  readonly timeoutMs?: number;
  /** Told when this generation is done: its stage, tokens and time (a review's own tally). */
  readonly onUsage?: (usage: ModelUsage) => void;
}

/** Review the hunks of one file (or part of them, for a large file). */
export interface ReviewHunksRequest {
  readonly path: string;
  readonly hunks: readonly Hunk[];
  /** The whole file at head, for the lines around each hunk. */
  readonly fileText?: string;
  /** Diagnostics already found by ESLint and TypeScript in this file. */
  readonly diagnostics: readonly Diagnostic[];
  readonly pr?: PullRequestText;
  /** Lines of context shown around each hunk (fewer when the prompt must shrink). Default 10. */
  readonly contextLines?: number;
}

/** An earlier edit the validator rejected, shown to the model so it can do better. */
export interface RejectedAttempt {
  readonly replacement: string;
  readonly reasons: readonly string[];
}

/** Rewrite lines startLine..endLine (new side, inclusive) of one file as instructed. */
export interface FixRangeRequest {
  readonly path: string;
  readonly startLine: number;
  readonly endLine: number;
  /** The whole file at head. */
  readonly fileText: string;
  /** What to change, e.g. the finding's message. Treated as untrusted when it came from a person or a model. */
  readonly instruction: string;
  readonly diagnostics?: readonly Diagnostic[];
  readonly previousAttempts?: readonly RejectedAttempt[];
  readonly pr?: PullRequestText;
  /** Declarations of the types the lines use that the shown lines do not hold (see typesForFix). */
  readonly typesText?: string;
}

/** Whether a model finding's claim is true of its lines (the yes/no verification pass). */
export interface VerifyClaimRequest {
  readonly path: string;
  /** The whole file at head. */
  readonly fileText: string;
  readonly startLine: number;
  readonly line: number;
  /** The finding's message: untrusted (a model wrote it). */
  readonly claim: string;
}

/** How likely the model finds each continuation of a file's text (the likelihood check; nothing is generated). */
export interface ScoreLinesRequest {
  /** Modules shown before the file (what it imports). */
  readonly context: readonly ContextFile[];
  readonly path: string;
  /** The file's text before the lines scored. */
  readonly textBefore: string;
  /** Versions of the lines that follow, each scored after textBefore. */
  readonly continuations: readonly string[];
}

/** Write unit tests for one exported symbol. */
export interface WriteTestsRequest {
  readonly path: string;
  readonly symbol: string;
  /** The source file that declares the symbol. */
  readonly sourceText: string;
  /** Where the tests will live, so imports are written relative to it. */
  readonly testPath: string;
  /** The existing test file, when there is one, to follow its style. */
  readonly existingTestText?: string;
  /** Test framework in use, e.g. "vitest", "jest", "node:test". Default "vitest". */
  readonly framework?: string;
  /** Every symbol to cover, when there are several (`symbol` names them together). */
  readonly symbols?: readonly string[];
  /** The repository's testing conventions, one statement each (assertions, globals, module style). */
  readonly conventions?: readonly string[];
  /** A one-example skeleton of a correct test file in the repository's framework (see testSkeleton). */
  readonly skeleton?: string;
  /** How the test file imports the module, e.g. "../src/math.js". */
  readonly importPath?: string;
  /** Declarations of the types the symbols use. */
  readonly typesText?: string;
  /** Lines of the pull request that call the symbols. */
  readonly callers?: readonly { readonly path: string; readonly line: number; readonly text: string }[];
  /** Existing tests of the repository, as examples of its style. */
  readonly examples?: readonly { readonly path: string; readonly text: string }[];
  /** Earlier test files that failed validation, with the reasons. */
  readonly previousAttempts?: readonly { readonly code: string; readonly reasons: readonly string[] }[];
}

/** A file of the PR, as shown when answering a question. */
export interface PullRequestFile {
  readonly path: string;
  readonly hunks: readonly Hunk[];
}

/** Answer a question asked about the PR (e.g. a slash command in a thread). */
export interface AnswerQuestionRequest {
  /** The question as a person typed it: untrusted. */
  readonly question: string;
  readonly pr?: PullRequestText;
  readonly files: readonly PullRequestFile[];
  /** The thread the question was asked in, if it is anchored to code. */
  readonly anchor?: { readonly path: string; readonly line: number };
}

/**
 * The code model, as the rest of patchsmith sees it. Backends (node-llama-cpp
 * in-process, an OpenAI-compatible server, a script for tests) differ only in
 * how they turn a prompt into JSON text; the operations are built once on top.
 * Every answer has been parsed and checked against its JSON schema.
 */
export interface Generator {
  /** Short name of the model, e.g. "qwen2.5-coder-7b-instruct". */
  readonly name: string;
  /** Largest prompt (in tokens) that leaves room for an answer in one request. */
  readonly promptTokenLimit: number;
  /** Requests worth running at the same time (parallel sequences, or a server's slots). */
  readonly parallelism: number;
  /** Model and backend in words, e.g. "qwen2.5-coder-7b Q4_K_M on CUDA". */
  describe(): string;
  /**
   * Why the model does not review hunks for bugs of its own accord, when it
   * does not (PATCHSMITH_MODEL_FINDINGS): it still fixes what the checkers
   * found, writes tests and answers commands. Absent: it reviews.
   */
  readonly ownFindingsOff?: string;
  /** Tokens in `text`, counted with the model's own tokenizer. */
  countTokens(text: string): Promise<number>;
  /**
   * Tokens the review prompt for `request` will take: the most detailed version
   * that fits `promptTokenLimit`, or the smallest version when none fits (then
   * the result is above the limit and `reviewHunks` would throw PromptTooLargeError).
   */
  measureReviewPrompt(request: ReviewHunksRequest): Promise<number>;
  reviewHunks(request: ReviewHunksRequest, options?: GenerateOptions): Promise<ReviewOutput>;
  fixRange(request: FixRangeRequest, options?: GenerateOptions): Promise<FixOutput>;
  writeTests(request: WriteTestsRequest, options?: GenerateOptions): Promise<TestsOutput>;
  answerQuestion(request: AnswerQuestionRequest, options?: GenerateOptions): Promise<AnswerOutput>;
  /** Whether scoreLines works here: the in-process model reads token probabilities; a server's chat API gives none. */
  readonly canScore: boolean;
  /** Natural-log probability of each continuation, in order (see ScoreLinesRequest). */
  scoreLines(request: ScoreLinesRequest, options?: GenerateOptions): Promise<readonly number[]>;
  /** A second, grammar-constrained look at one finding: true when the model says its claim holds for its lines. */
  verifyClaim(request: VerifyClaimRequest, options?: GenerateOptions): Promise<boolean>;
  /** Frees the model, contexts and connections. Call once, at shutdown. */
  dispose(): Promise<void>;
}
