import { LlamaChatSession, type Llama, type LlamaContext, type LlamaJsonSchemaGrammar, type LlamaModel } from "node-llama-cpp";
import { InvalidModelOutputError } from "../errors/invalid-model-output-error.js";
import type { LlmTransport, Operation } from "../transport.js";
import { backendName } from "./backend-name.js";
import { modelLabel } from "./model-label.js";
import { createSequencePool } from "./sequence-pool.js";

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
 * chat session under the operation's JSON-schema grammar, and gives it back
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
    const grammars = new Map<Operation, Promise<LlamaJsonSchemaGrammar<never>>>();
    const label = modelLabel(readyModel, options.modelPath);
    const offload = llama.gpu === false ? "" : ` (${readyModel.gpuLayers}/${readyModel.fileInsights.totalLayers} layers on the GPU)`;
    let disposed = false;

    return {
      info: {
        model: label.name,
        description: `${label.name}${label.quant === undefined ? "" : ` ${label.quant}`} on ${backendName(llama.gpu)}${offload}, node-llama-cpp, ${sequences} sequence${sequences === 1 ? "" : "s"} of ${readyContext.contextSize} tokens`,
        contextSize: readyContext.contextSize,
        parallelism: sequences,
      },
      async complete(request) {
        let grammar = grammars.get(request.operation);
        if (grammar === undefined) {
          // The schema is one of the `as const` schemas; its exact type matters only to grammar.parse, which is not used (parseModelJson checks the text).
          grammar = llama.createGrammarForJsonSchema<never>(request.schema as never);
          grammars.set(request.operation, grammar);
        }
        const sequence = await pool.acquire(request.signal);
        const session = new LlamaChatSession({ contextSequence: sequence, systemPrompt: request.system, autoDisposeSequence: false });
        try {
          const result = await session.promptWithMeta(request.user, {
            grammar: await grammar,
            temperature: request.temperature,
            maxTokens: request.maxTokens,
            signal: request.signal,
          });
          if (result.stopReason === "maxTokens") {
            throw new InvalidModelOutputError(`The model's answer reached its limit of ${request.maxTokens} tokens before the JSON was complete.`);
          }
          return result.responseText;
        } finally {
          session.dispose({ disposeSequence: false });
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
