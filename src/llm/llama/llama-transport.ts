import { LlamaChatSession, type Llama, type LlamaContext, type LlamaGrammar, type LlamaModel } from "node-llama-cpp";
import { TruncatedAnswerError } from "../errors/truncated-answer-error.js";
import type { LlmTransport } from "../transport.js";
import { backendName } from "./backend-name.js";
import { modelLabel } from "./model-label.js";
import { countCompletion } from "./count-completion.js";
import { createSequencePool } from "./sequence-pool.js";
import { scoreContinuations } from "./score-continuations.js";

export interface LlamaTransportOptions {
  readonly llama: Llama;
  readonly modelPath: string;
  /** Tokens per sequence (prompt and answer). Default 8192. */
  readonly contextSize?: number;
  /** Requests evaluated together in one batch. Default 1. */
  readonly sequences?: number;
  /** CPU threads for evaluation; leave unset to let node-llama-cpp decide (use 1 on a 2-core CI machine). */
  readonly threads?: number;
  /** Layers offloaded to the GPU: "auto" (as many as fit, the default), "max" or a number. */
  readonly gpuLayers?: "auto" | "max" | number;
  readonly loadSignal?: AbortSignal;
}

/**
 * The in-process backend: one model and one context with `sequences`
 * parallel sequences, loaded once; each request borrows a sequence, runs a
 * chat session under the operation's grammar (its JSON schema, or a header and
 * a fenced code block), and gives it back
 * (the KV cache keeps the shared system prompt for the next request).
 */
export async function createLlamaTransport(options: LlamaTransportOptions): Promise<LlmTransport> {
  const { llama } = options;
  let model: LlamaModel | undefined;
  let context: LlamaContext | undefined;
  try {
    model = await llama.loadModel({
      modelPath: options.modelPath,
      gpuLayers: options.gpuLayers ?? "auto",
      ...(options.loadSignal === undefined ? {} : { loadSignal: options.loadSignal }),
    });
    const sequences = options.sequences ?? 1;
    context = await model.createContext({
      contextSize: options.contextSize ?? 8192,
      sequences,
      // Fail with a clear message rather than silently shrinking the context that was asked for.
      failedCreationRemedy: false,
      ...(options.threads === undefined ? {} : { threads: options.threads }),
      ...(options.loadSignal === undefined ? {} : { createSignal: options.loadSignal }),
    });
    const readyModel = model;
    const readyContext = context;
    const pool = createSequencePool(Array.from({ length: sequences }, () => readyContext.getSequence()));
    // One grammar per operation, and one per code-answer grammar (a JSON header and a fenced block).
    const grammars = new Map<string, Promise<LlamaGrammar>>();
    const label = modelLabel(readyModel, options.modelPath);
    const offload = llama.gpu === false ? "" : ` (${readyModel.gpuLayers}/${readyModel.fileInsights.totalLayers} layers on the GPU)`;
    let disposed = false;

    return {
      info: {
        model: label.name,
        description: `${label.name}${label.quant === undefined ? "" : ` ${label.quant}`} on ${backendName(llama.gpu)}${offload}, node-llama-cpp, ${sequences} sequence${sequences === 1 ? "" : "s"} of ${readyContext.contextSize} tokens`,
        contextSize: readyContext.contextSize,
        parallelism: sequences,
        accelerated: llama.gpu !== false && readyModel.gpuLayers > 0,
      },
      async complete(request) {
        const key = request.code === undefined ? `json:${request.operation}` : `code:${request.code.grammar}`;
        let grammar = grammars.get(key);
        if (grammar === undefined) {
          // The schema is one of the `as const` schemas; its exact type matters only to grammar.parse, which is not used (parseModelJson checks the text).
          grammar = request.code === undefined ? llama.createGrammarForJsonSchema<never>(request.schema as never) : llama.createGrammar({ grammar: request.code.grammar });
          grammars.set(key, grammar);
        }
        const sequence = await pool.acquire(request.signal);
        // A new session on a sequence that already holds tokens evaluates only what differs from them:
        // the system prompt (and any other shared prefix) of the previous request is not evaluated again.
        const session = new LlamaChatSession({ contextSequence: sequence, systemPrompt: request.system, autoDisposeSequence: false });
        const meterBefore = sequence.tokenMeter.getState();
        // An answer that `stopWhen` stops ends like one cut by maxTokens, with the text so far.
        const stop = { controller: new AbortController(), soFar: "", reason: undefined as string | undefined };
        const { stopWhen } = request;
        try {
          const result = await session.promptWithMeta(request.user, {
            grammar: await grammar,
            temperature: request.temperature,
            maxTokens: request.maxTokens,
            ...(stopWhen === undefined
              ? { signal: request.signal }
              : {
                  signal: AbortSignal.any([request.signal, stop.controller.signal]),
                  stopOnAbortSignal: true,
                  onTextChunk: (chunk: string) => {
                    stop.soFar += chunk;
                    if (stop.reason !== undefined) return;
                    stop.reason = stopWhen(stop.soFar);
                    if (stop.reason !== undefined) stop.controller.abort();
                  },
                }),
          });
          // With stopOnAbortSignal a cancellation or time limit returns too: it must still throw.
          request.signal.throwIfAborted();
          request.onTokens?.(countCompletion({ used: sequence.tokenMeter.diff(meterBefore), contextTokens: sequence.contextTokens.length, answer: readyModel.tokenize(result.responseText).length }));
          if (stop.reason !== undefined) throw new TruncatedAnswerError(`The model's answer was stopped: ${stop.reason}.`, result.responseText);
          if (result.stopReason === "maxTokens") {
            const what = request.code === undefined ? "the JSON was complete" : "its code block was closed";
            throw new TruncatedAnswerError(`The model's answer reached its limit of ${request.maxTokens} tokens before ${what}.`, result.responseText);
          }
          return result.responseText;
        } finally {
          session.dispose({ disposeSequence: false });
          pool.release(sequence);
        }
      },
      async score(request) {
        const sequence = await pool.acquire(request.signal);
        try {
          const scored = await scoreContinuations({ model: readyModel, sequence, prefix: request.prefix, continuations: request.continuations, signal: request.signal });
          return { logProbs: scored.logProbs, tokens: { prompt: scored.prompt, promptEvaluated: scored.evaluated, answer: 0 } };
        } finally {
          pool.release(sequence);
        }
      },
      countTokens: (text) => Promise.resolve(readyModel.tokenize(text).length),
      async dispose() {
        if (disposed) return;
        disposed = true;
        await readyContext.dispose();
        await readyModel.dispose();
      },
    };
  } catch (error) {
    await context?.dispose();
    await model?.dispose();
    throw error;
  }
}
