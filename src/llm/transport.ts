import type { GbnfJsonSchema } from "node-llama-cpp";

/** The things patchsmith asks a model; also the name of each one's schema. */
export type Operation = "review" | "fix" | "tests" | "answer" | "verify" | "score";

/** One request for an answer (JSON text, or a header and a fenced code block), as a backend sees it. */
export interface CompletionRequest {
  readonly operation: Operation;
  readonly system: string;
  readonly user: string;
  /** The answer must conform: as a grammar in-process, as `json_schema` over HTTP. With `code`, the schema of the header line only. */
  readonly schema: GbnfJsonSchema;
  /**
   * The answer carries code: a header line (maybe none), then one fenced block,
   * generated under this GBNF grammar in-process, and as plain text over HTTP.
   */
  readonly code?: { readonly grammar: string };
  /** Aborts on cancellation and on the time limit. */
  readonly signal: AbortSignal;
  readonly temperature: number;
  readonly maxTokens: number;
  /** Told once the answer is complete, with the backend's own token counts (where it has them). */
  readonly onTokens?: (tokens: CompletionTokens) => void;
  /**
   * Looked at as the answer grows: when it returns a reason, generation stops
   * there and the answer so far comes back as a TruncatedAnswerError with that
   * reason. In-process only (a server's answer is not streamed; it runs to
   * `maxTokens`).
   */
  readonly stopWhen?: (answerSoFar: string) => string | undefined;
}

/** Part of a scored prefix: repository text, or one of the prompt format's own markers (read as special tokens). */
export interface PrefixPart {
  readonly text: string;
  readonly marker?: boolean;
}

/** How likely the model finds each continuation of one prefix (no answer is generated). */
export interface ScoreRequest {
  readonly prefix: readonly PrefixPart[];
  readonly continuations: readonly string[];
  readonly signal: AbortSignal;
}

export interface ScoreResult {
  /** Natural-log probability of each continuation after the prefix, in order. */
  readonly logProbs: readonly number[];
  readonly tokens: CompletionTokens;
}

/** What one completion cost, as the backend counted it. */
export interface CompletionTokens {
  /** Tokens of the whole prompt, chat template included. */
  readonly prompt: number;
  /** Of those, tokens evaluated for this request: the rest were reused from the sequence's cache (a shared prefix). */
  readonly promptEvaluated: number;
  readonly answer: number;
}

export interface TransportInfo {
  /** Short model name, e.g. "qwen2.5-coder-7b-instruct". */
  readonly model: string;
  /** Model and backend in words, e.g. "qwen2.5-coder-7b-instruct Q4_K_M on CUDA". */
  readonly description: string;
  /** Tokens one request may hold: prompt and answer together. */
  readonly contextSize: number;
  /** Requests worth running at the same time (parallel sequences, or a server's slots). */
  readonly parallelism: number;
  /** False when the model runs on this machine's CPU alone (every token is seconds); a GPU or a server counts as accelerated. Default true. */
  readonly accelerated?: boolean;
}

/**
 * What a backend implements: turn a prompt into JSON text, count tokens, free
 * resources. The operations of `Generator` are built once on top of it
 * (`buildGenerator`), so every backend gets the same prompts and parsing.
 */
export interface LlmTransport {
  readonly info: TransportInfo;
  complete(request: CompletionRequest): Promise<string>;
  /** Log probabilities of continuations; absent where the backend cannot read them (a server's chat API). */
  score?(request: ScoreRequest): Promise<ScoreResult>;
  /** Tokens in `text` with the model's own tokenizer. */
  countTokens(text: string): Promise<number>;
  dispose(): Promise<void>;
}
