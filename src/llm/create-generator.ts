import type { ModelUsage } from "./model-usage.js";
import type { RepoConfig } from "../config/repo-config.js";
import { buildGenerator } from "./build-generator.js";
import { ModelLoadError } from "./errors/model-load-error.js";
import type { Generator } from "./generator.js";
import { createOpenAiTransport } from "./http/openai-transport.js";
import { createLlamaTransport } from "./llama/llama-transport.js";
import { describeLoadFailure } from "./llama/describe-load-failure.js";
import { loadLlama, type LoadedLlama } from "./llama/load-llama.js";
import { resolveModelPath } from "./llama/resolve-model-path.js";
import { silentLog, type LlmLog } from "./llm-log.js";
import { readLlmSettings, type LlmSettings } from "./read-llm-settings.js";
import type { LlmTransport } from "./transport.js";
import { traceTransport } from "./trace-transport.js";
import { appendFileSync } from "node:fs";

export const NO_MODEL_NOTICE = "No model configured (set PATCHSMITH_MODEL or PATCHSMITH_LLM_URL): only deterministic checks ran.";

const DETERMINISTIC_ONLY = "Only the deterministic checks (ESLint, TypeScript) run until this is fixed.";

export interface CreateGeneratorParams {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Supplies the default temperature (config.model.temperature). */
  readonly config?: Pick<RepoConfig, "model">;
  readonly log?: LlmLog;
  /** Resolves relative model paths. Default: the process's working directory. */
  readonly cwd?: string;
  readonly signal?: AbortSignal;
  /** Told after every generation, e.g. to export tokens per second. */
  readonly onUsage?: (usage: ModelUsage) => void;
}

/**
 * The model backend the environment asks for, loaded once:
 *  1. PATCHSMITH_MODEL (a GGUF path or an hf:/https: URI): node-llama-cpp in this process, GPU auto-detected;
 *  2. else PATCHSMITH_LLM_URL: an OpenAI-compatible server;
 *  3. else none, with a notice saying only deterministic checks ran.
 * It never throws: a model that cannot be used comes back as a notice naming
 * the file, the problem and what to do.
 */
export async function createGenerator(params: CreateGeneratorParams): Promise<{ generator?: Generator; notice?: string }> {
  const log = params.log ?? silentLog;
  let settings: LlmSettings;
  try {
    settings = readLlmSettings(params.env);
  } catch (error) {
    return { notice: `${(error as Error).message} ${DETERMINISTIC_ONLY}` };
  }
  const defaults = {
    temperature: params.config?.model.temperature ?? 0,
    timeoutMs: settings.timeoutMs,
    findings: settings.findings,
    ...(params.onUsage === undefined ? {} : { onUsage: params.onUsage }),
  };

  if (settings.model !== undefined) {
    let transport: LlmTransport;
    try {
      transport = await loadInProcess(settings.model, settings, params, log);
    } catch (error) {
      const why = error instanceof ModelLoadError ? error.message : `Model ${settings.model} could not be loaded: ${String(error)}.`;
      return { notice: `${why} ${DETERMINISTIC_ONLY}` };
    }
    const generator = buildGenerator(traced(transport, settings.trace), defaults);
    log.info(`Model loaded: ${generator.describe()}`);
    return { generator };
  }
  if (settings.url !== undefined) {
    const transport = createOpenAiTransport({
      url: settings.url,
      contextSize: settings.contextSize,
      parallelism: settings.sequences,
      log,
      ...(settings.serverModel === undefined ? {} : { model: settings.serverModel }),
      ...(settings.apiKey === undefined ? {} : { apiKey: settings.apiKey }),
    });
    return { generator: buildGenerator(traced(transport, settings.trace), defaults) };
  }
  return { notice: NO_MODEL_NOTICE };
}

/** With PATCHSMITH_MODEL_TRACE: every request and answer appended to that file as a JSON line. */
function traced(transport: LlmTransport, file: string | undefined): LlmTransport {
  return file === undefined ? transport : traceTransport(transport, (record) => { appendFileSync(file, `${JSON.stringify(record)}\n`); });
}

async function loadInProcess(model: string, settings: LlmSettings, params: CreateGeneratorParams, log: LlmLog): Promise<LlmTransport> {
  const modelPath = await resolveModelPath({
    model,
    cacheDir: settings.modelDir,
    log,
    ...(params.cwd === undefined ? {} : { cwd: params.cwd }),
    ...(params.signal === undefined ? {} : { signal: params.signal }),
  });
  let loaded: LoadedLlama;
  try {
    loaded = await loadLlama({ gpu: settings.gpu, log });
  } catch (error) {
    throw new ModelLoadError(describeLoadFailure({ error, modelPath, recentErrors: [], contextSize: settings.contextSize, sequences: settings.sequences }), { cause: error });
  }
  try {
    return await createLlamaTransport({
      llama: loaded.llama,
      modelPath,
      contextSize: settings.contextSize,
      sequences: settings.sequences,
      ...(settings.threads === undefined ? {} : { threads: settings.threads }),
      ...(params.signal === undefined ? {} : { loadSignal: params.signal }),
    });
  } catch (error) {
    await logsSettled(() => loaded.recentErrors());
    throw new ModelLoadError(
      describeLoadFailure({ error, modelPath, recentErrors: loaded.recentErrors(), contextSize: settings.contextSize, sequences: settings.sequences }),
      { cause: error },
    );
  }
}

/**
 * llama.cpp's log lines reach JavaScript asynchronously and may arrive after
 * the failed load rejects: wait (at most half a second) until some have
 * arrived and no more come, so the notice can quote llama.cpp's reason.
 */
async function logsSettled(recentErrors: () => readonly string[]): Promise<void> {
  let last = -1;
  for (let waited = 0; waited < 500; waited += 25) {
    const count = recentErrors().length;
    if (count > 0 && count === last) return;
    last = count;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
