import os from "node:os";
import { getLlama, LlamaLogLevel, type Llama } from "node-llama-cpp";
import type { LlmLog } from "../llm-log.js";
import { toLlamaGpuOption, type GpuChoice } from "./gpu-choice.js";

export interface LoadedLlama {
  readonly llama: Llama;
  /** Error lines llama.cpp logged since this call (e.g. why a model file failed to load), oldest first. */
  recentErrors(): readonly string[];
}

interface SharedLlama {
  readonly llama: Llama;
  readonly errors: string[];
}

// llama.cpp has one log callback per process: a second Llama instance never hears its own
// errors. So the runtime is created once per process (per GPU choice) and shared; models and
// contexts are what get loaded and disposed.
const shared = new Map<GpuChoice, Promise<SharedLlama>>();
let currentLog: LlmLog | undefined;

async function create(gpu: GpuChoice, maxThreads: number | undefined): Promise<SharedLlama> {
  const errors: string[] = [];
  const llama = await getLlama({
    build: "never",
    gpu: toLlamaGpuOption(gpu),
    logLevel: LlamaLogLevel.warn,
    progressLogs: false,
    ...(maxThreads === undefined ? {} : { maxThreads }),
    logger: (level, message) => {
      const text = message.trim();
      if (text === "" || (level !== LlamaLogLevel.error && level !== LlamaLogLevel.fatal)) return;
      errors.push(text);
      if (errors.length > 100) errors.splice(0, errors.length - 100);
      currentLog?.warn(`llama.cpp: ${text}`);
    },
  });
  // On the CPU node-llama-cpp uses at least 4 threads; on a 2-core machine that oversubscription
  // made generation 10-20x slower. Never use more threads than the machine has.
  if (maxThreads === undefined && llama.gpu === false) llama.maxThreads = Math.min(llama.maxThreads, os.availableParallelism());
  return { llama, errors };
}

/**
 * The llama.cpp runtime with the best compute backend this machine has
 * (CUDA, Vulkan or Metal, else the CPU) from node-llama-cpp's prebuilt
 * binaries; it never compiles llama.cpp. One runtime per process, shared;
 * llama.cpp's error lines are kept so a failed load can say why.
 */
export async function loadLlama(params: { readonly gpu: GpuChoice; readonly log?: LlmLog; readonly maxThreads?: number }): Promise<LoadedLlama> {
  let entry = shared.get(params.gpu);
  if (entry === undefined || (await entry.catch(() => undefined))?.llama.disposed !== false) {
    entry = create(params.gpu, params.maxThreads);
    shared.set(params.gpu, entry);
    entry.catch(() => shared.delete(params.gpu));
  }
  const { llama, errors } = await entry;
  currentLog = params.log;
  const mark = errors.length;
  return { llama, recentErrors: () => errors.slice(Math.min(mark, errors.length)) };
}
