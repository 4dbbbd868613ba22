import { ScriptExhaustedError } from "./errors/script-exhausted-error.js";
import { TruncatedAnswerError } from "./errors/truncated-answer-error.js";
import type { CompletionRequest, LlmTransport, Operation, ScoreRequest } from "./transport.js";

/**
 * One canned answer: a value (sent as JSON), a raw string (sent as is, to test
 * bad output), or a function of the request (e.g. to echo line numbers).
 * For an answer that carries code (fix, tests), a value with a `code` or
 * `replacement` string is sent as a real model would send it: its other fields
 * as a JSON header line, then the code in a fenced block.
 */
export type ScriptedAnswer = { readonly raw: string } | ((request: CompletionRequest) => unknown) | object;

/** What the scripted backend was asked, in order. */
export interface RecordedCall {
  readonly operation: Operation;
  readonly system: string;
  readonly user: string;
  readonly temperature: number;
  readonly maxTokens: number;
}

export interface ScriptedTransportOptions {
  /** Answers per operation, replayed in order. */
  readonly answers: Partial<Record<Operation, readonly ScriptedAnswer[]>>;
  readonly model?: string;
  readonly contextSize?: number;
  /**
   * Log probabilities for the likelihood check, one per continuation; without
   * it the backend cannot score (like a server's chat API).
   */
  readonly scores?: (request: { readonly prefix: string; readonly continuations: readonly string[] }) => readonly number[];
  /** Token counter; default one token per 4 characters. */
  readonly countTokens?: (text: string) => number;
}

export interface ScriptedTransport extends LlmTransport {
  readonly calls: readonly RecordedCall[];
  /** Answers not used yet, per operation. */
  remaining(operation: Operation): number;
}

/** A backend for tests: replays canned answers and records every prompt it was given. */
export function createScriptedTransport(options: ScriptedTransportOptions): ScriptedTransport {
  const queues = new Map<Operation, ScriptedAnswer[]>(
    Object.entries(options.answers).map(([operation, answers]) => [operation as Operation, [...answers]]),
  );
  const calls: RecordedCall[] = [];
  const count = options.countTokens ?? ((text: string) => Math.ceil(text.length / 4));
  const model = options.model ?? "scripted";
  return {
    info: { model, description: `${model} (scripted answers)`, contextSize: options.contextSize ?? 32_768, parallelism: 1 },
    calls,
    remaining: (operation) => queues.get(operation)?.length ?? 0,
    complete(request) {
      request.signal.throwIfAborted();
      calls.push({ operation: request.operation, system: request.system, user: request.user, temperature: request.temperature, maxTokens: request.maxTokens });
      const answer = queues.get(request.operation)?.shift();
      if (answer === undefined) {
        return Promise.reject(new ScriptExhaustedError(`The scripted generator has no more "${request.operation}" answers (call ${calls.length}).`));
      }
      const value: unknown = typeof answer === "function" ? answer(request) : answer;
      const text = typeof answer !== "function" && "raw" in answer && typeof answer.raw === "string" ? answer.raw : ((request.code === undefined ? undefined : asCodeAnswer(value)) ?? JSON.stringify(value));
      return streamed(text, request);
    },
    ...(options.scores === undefined ? {} : { score: scorer(options.scores, count, calls) }),
    countTokens: (text) => Promise.resolve(count(text)),
    dispose: () => Promise.resolve(),
  };
}

/** A canned value with its code in a fenced block after a header line of its other fields (the test path and symbols are not asked for). */
function asCodeAnswer(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const body = typeof record["code"] === "string" ? record["code"] : record["replacement"];
  if (typeof body !== "string") return undefined;
  const rest = Object.fromEntries(Object.entries(record).filter(([key]) => !["code", "replacement", "path", "symbols"].includes(key)));
  const header = Object.keys(rest).length > 0 ? `${JSON.stringify(rest)}\n` : "";
  return `${header}\`\`\`ts\n${body}\n\`\`\``;
}

/** The answer as a model streaming it line by line would give it: cut where `stopWhen` stops it. */
function streamed(text: string, request: CompletionRequest): Promise<string> {
  const stopWhen = request.stopWhen;
  if (stopWhen === undefined) return Promise.resolve(text);
  let soFar = "";
  for (const line of text.split(/(?<=\n)/)) {
    soFar += line;
    const reason = stopWhen(soFar);
    if (reason !== undefined) return Promise.reject(new TruncatedAnswerError(`The model's answer was stopped: ${reason}.`, soFar));
  }
  return Promise.resolve(text);
}

/** The scripted `score`: the prefix as one text (markers included), recorded like a prompt. */
function scorer(scores: NonNullable<ScriptedTransportOptions["scores"]>, count: (text: string) => number, calls: RecordedCall[]): (request: ScoreRequest) => Promise<{ logProbs: readonly number[]; tokens: { prompt: number; promptEvaluated: number; answer: number } }> {
  return (request) => {
    request.signal.throwIfAborted();
    const prefix = request.prefix.map((part) => part.text).join("");
    calls.push({ operation: "score", system: "", user: prefix, temperature: 0, maxTokens: 0 });
    const logProbs = scores({ prefix, continuations: request.continuations });
    const prompt = count(prefix) + request.continuations.reduce((n, text) => n + count(text), 0);
    return Promise.resolve({ logProbs, tokens: { prompt, promptEvaluated: prompt, answer: 0 } });
  };
}
