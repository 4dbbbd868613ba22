import { InvalidLlmSettingsError } from "./errors/invalid-llm-settings-error.js";
import { GPU_CHOICES, type GpuChoice } from "./llama/gpu-choice.js";
import { modelCacheDir } from "./model-cache-dir.js";

/** The model settings patchsmith reads from its environment. */
export interface LlmSettings {
  /** PATCHSMITH_MODEL: a local GGUF path or a URI (`hf:user/repo:quant`, `https://…`). */
  readonly model?: string;
  /** PATCHSMITH_LLM_URL: base URL of an OpenAI-compatible server, e.g. http://gpu-box:8080/v1. */
  readonly url?: string;
  /** PATCHSMITH_LLM_MODEL: the model name the server expects. */
  readonly serverModel?: string;
  /** PATCHSMITH_LLM_API_KEY: bearer token for the server. */
  readonly apiKey?: string;
  /** PATCHSMITH_MODEL_DIR: where URIs are downloaded to and resolved from. */
  readonly modelDir: string;
  /** PATCHSMITH_GPU: auto (default), cuda, vulkan, metal or cpu. */
  readonly gpu: GpuChoice;
  /** PATCHSMITH_CONTEXT_SIZE: tokens per request (prompt and answer). Default 8192. */
  readonly contextSize: number;
  /** PATCHSMITH_THREADS: CPU threads for evaluation; default: node-llama-cpp decides. */
  readonly threads?: number;
  /** PATCHSMITH_SEQUENCES: requests evaluated in parallel in-process (default 1), or sent at once to a server (default 4). */
  readonly sequences: number;
  /** PATCHSMITH_LLM_TIMEOUT_MS: time limit of one generation. Default 300000 (5 minutes). */
  readonly timeoutMs: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function text(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === "" ? undefined : value;
}

function positiveInteger(env: Env, name: string, fallback: number, max: number): number {
  const value = text(env, name);
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1 || number > max) {
    throw new InvalidLlmSettingsError(`${name}=${value} is not valid: expected a whole number from 1 to ${max}.`);
  }
  return number;
}

/** Read and check the PATCHSMITH_* model variables; InvalidLlmSettingsError names a bad one. */
export function readLlmSettings(env: Env): LlmSettings {
  const gpu = (text(env, "PATCHSMITH_GPU") ?? "auto").toLowerCase();
  if (!GPU_CHOICES.includes(gpu as GpuChoice)) {
    throw new InvalidLlmSettingsError(`PATCHSMITH_GPU=${gpu} is not valid: expected one of ${GPU_CHOICES.join(", ")}.`);
  }
  const url = text(env, "PATCHSMITH_LLM_URL");
  if (url !== undefined && !/^https?:\/\/[^/]/.test(url)) {
    throw new InvalidLlmSettingsError(`PATCHSMITH_LLM_URL=${url} is not valid: expected an http:// or https:// base URL such as http://localhost:8080/v1.`);
  }
  const model = text(env, "PATCHSMITH_MODEL");
  const serverModel = text(env, "PATCHSMITH_LLM_MODEL");
  const apiKey = text(env, "PATCHSMITH_LLM_API_KEY");
  const threads = text(env, "PATCHSMITH_THREADS") === undefined ? undefined : positiveInteger(env, "PATCHSMITH_THREADS", 1, 1024);
  return {
    ...(model === undefined ? {} : { model }),
    ...(url === undefined ? {} : { url }),
    ...(serverModel === undefined ? {} : { serverModel }),
    ...(apiKey === undefined ? {} : { apiKey }),
    modelDir: modelCacheDir(env),
    gpu: gpu as GpuChoice,
    contextSize: positiveInteger(env, "PATCHSMITH_CONTEXT_SIZE", 8192, 1_048_576),
    ...(threads === undefined ? {} : { threads }),
    sequences: positiveInteger(env, "PATCHSMITH_SEQUENCES", url !== undefined && model === undefined ? 4 : 1, 64),
    timeoutMs: positiveInteger(env, "PATCHSMITH_LLM_TIMEOUT_MS", 300_000, 86_400_000),
  };
}
