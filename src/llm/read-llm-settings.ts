import { describeInvalidSetting } from "../config/describe-invalid-setting.js";
import { parseSettings } from "../config/parse-settings.js";
import { InvalidLlmSettingsError } from "./errors/invalid-llm-settings-error.js";
import type { GpuChoice } from "./llama/gpu-choice.js";
import type { ModelFindingsChoice } from "./model-findings-choice.js";
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
  /** PATCHSMITH_MODEL_TRACE: a JSON-lines file that every request and answer is appended to (debugging). */
  readonly trace?: string;
  /** PATCHSMITH_MODEL_FINDINGS: the model's own review of the hunks — auto (default: off on a CPU alone), on or off. */
  readonly findings: ModelFindingsChoice;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Read and check the PATCHSMITH_* model variables (see settingsSchema); InvalidLlmSettingsError names a bad one. */
export function readLlmSettings(env: Env): LlmSettings {
  const parsed = parseSettings(env, [
    "PATCHSMITH_GPU",
    "PATCHSMITH_LLM_URL",
    "PATCHSMITH_MODEL",
    "PATCHSMITH_LLM_MODEL",
    "PATCHSMITH_LLM_API_KEY",
    "PATCHSMITH_THREADS",
    "PATCHSMITH_CONTEXT_SIZE",
    "PATCHSMITH_SEQUENCES",
    "PATCHSMITH_LLM_TIMEOUT_MS",
    "PATCHSMITH_MODEL_TRACE",
    "PATCHSMITH_MODEL_FINDINGS",
  ]);
  if ("problems" in parsed) throw new InvalidLlmSettingsError(parsed.problems.map((problem) => describeInvalidSetting(problem, "not-valid")).join(" "));
  const s = parsed.values;
  const model = s.PATCHSMITH_MODEL;
  const url = s.PATCHSMITH_LLM_URL;
  return {
    ...(model === undefined ? {} : { model }),
    ...(url === undefined ? {} : { url }),
    ...(s.PATCHSMITH_LLM_MODEL === undefined ? {} : { serverModel: s.PATCHSMITH_LLM_MODEL }),
    ...(s.PATCHSMITH_LLM_API_KEY === undefined ? {} : { apiKey: s.PATCHSMITH_LLM_API_KEY }),
    modelDir: modelCacheDir(env),
    gpu: s.PATCHSMITH_GPU,
    contextSize: s.PATCHSMITH_CONTEXT_SIZE,
    ...(s.PATCHSMITH_THREADS === undefined ? {} : { threads: s.PATCHSMITH_THREADS }),
    sequences: s.PATCHSMITH_SEQUENCES ?? (url !== undefined && model === undefined ? 4 : 1),
    timeoutMs: s.PATCHSMITH_LLM_TIMEOUT_MS,
    ...(s.PATCHSMITH_MODEL_TRACE === undefined ? {} : { trace: s.PATCHSMITH_MODEL_TRACE }),
    findings: s.PATCHSMITH_MODEL_FINDINGS,
  };
}
