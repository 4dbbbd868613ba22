import { TruncatedAnswerError } from "./errors/truncated-answer-error.js";
import type { CompletionRequest, CompletionTokens, LlmTransport, ScoreRequest } from "./transport.js";

/** One traced request: what the model was asked and what it answered. */
export interface TraceRecord {
  readonly at: string;
  readonly operation: CompletionRequest["operation"];
  readonly system: string;
  readonly user: string;
  readonly maxTokens: number;
  readonly answer?: string;
  readonly error?: string;
  readonly tokens?: CompletionTokens;
  readonly ms: number;
}

/**
 * The same transport, handing every request and its answer (or error) to
 * `write` once it is done — PATCHSMITH_MODEL_TRACE's JSON lines, for seeing
 * what a model is asked and what it says. A failing `write` never fails the
 * request.
 */
export function traceTransport(transport: LlmTransport, write: (record: TraceRecord) => void, now: () => number = Date.now): LlmTransport {
  const score = transport.score?.bind(transport);
  return {
    info: transport.info,
    // A scoring is traced as its prefix and, for answer, each continuation with its log probability.
    ...(score === undefined
      ? {}
      : {
          async score(request: ScoreRequest) {
            const started = now();
            const base = { at: new Date(started).toISOString(), operation: "score" as const, system: "", user: request.prefix.map((part) => part.text).join(""), maxTokens: 0 };
            const safeWrite = (record: TraceRecord): void => {
              try {
                write(record);
              } catch {
                // as for complete
              }
            };
            try {
              const result = await score(request);
              safeWrite({ ...base, answer: JSON.stringify(request.continuations.map((text, i) => ({ logProb: result.logProbs[i], text }))), tokens: result.tokens, ms: now() - started });
              return result;
            } catch (error) {
              safeWrite({ ...base, error: error instanceof Error ? error.message : String(error), ms: now() - started });
              throw error;
            }
          },
        }),
    countTokens: (text) => transport.countTokens(text),
    dispose: () => transport.dispose(),
    async complete(request) {
      const started = now();
      let tokens: CompletionTokens | undefined;
      const base = { at: new Date(started).toISOString(), operation: request.operation, system: request.system, user: request.user, maxTokens: request.maxTokens };
      const traced: CompletionRequest = {
        ...request,
        onTokens: (counted) => {
          tokens = counted;
          request.onTokens?.(counted);
        },
      };
      const record = (rest: Partial<TraceRecord>): void => {
        try {
          write({ ...base, ...rest, ...(tokens === undefined ? {} : { tokens }), ms: now() - started });
        } catch {
          // a trace that cannot be written is not the review's problem
        }
      };
      try {
        const answer = await transport.complete(traced);
        record({ answer });
        return answer;
      } catch (error) {
        // A cut-off answer's text is what was generated: kept beside the reason.
        record({ error: error instanceof Error ? error.message : String(error), ...(error instanceof TruncatedAnswerError ? { answer: error.partial } : {}) });
        throw error;
      }
    },
  };
}
