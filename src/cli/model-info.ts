import { existsSync } from "node:fs";
import { getLlamaGpuTypes } from "node-llama-cpp";
import { describeLoadFailure } from "../llm/llama/describe-load-failure.js";
import { backendName } from "../llm/llama/backend-name.js";
import { loadLlama } from "../llm/llama/load-llama.js";
import { isModelUri, resolveModelPath } from "../llm/llama/resolve-model-path.js";
import { chooseDefaultModel, type HardwareDescription } from "../llm/choose-default-model.js";
import { readHardware } from "../llm/llama/read-hardware.js";
import { formatBytes } from "../llm/format-bytes.js";
import { checkModelFit } from "../llm/inspect/check-model-fit.js";
import { readLlmSettings } from "../llm/read-llm-settings.js";

export const MODEL_INFO_USAGE = `Usage: patchsmith model info [MODEL]

Prints the compute backend node-llama-cpp detects here (CUDA, Vulkan, Metal
or CPU), the GPU memory, the model \`patchsmith model pull\` takes by default
here and why, and whether the model fits with PATCHSMITH_CONTEXT_SIZE and
PATCHSMITH_SEQUENCES.
  MODEL   a .gguf file or a URI (default: PATCHSMITH_MODEL)
Exit codes: 0 it fits (or no model is configured), 1 the model is missing or does not fit.
`;

export interface ModelInfoParams {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly out: { write(text: string): unknown };
  /** Resolves a relative PATCHSMITH_MODEL. Default: the process's working directory. */
  readonly cwd?: string;
  /** The model named on the command line, over PATCHSMITH_MODEL. */
  readonly model?: string;
  /** The machine, for the default model's choice; default: what node-llama-cpp detects here. */
  readonly hardware?: HardwareDescription;
}

const row = (label: string, value: string): string => `${`${label}:`.padEnd(10)}${value}\n`;

/**
 * `patchsmith model info`: the backend, the memory and whether the model
 * fits. Returns 0, or 1 when the configured model is missing, unreadable or
 * does not fit (so scripts can check before starting the app).
 */
export async function runModelInfo(params: ModelInfoParams): Promise<number> {
  const { out } = params;
  let settings;
  try {
    settings = readLlmSettings(params.model === undefined ? params.env : { ...params.env, PATCHSMITH_MODEL: params.model });
  } catch (error) {
    out.write(`patchsmith model info: ${(error as Error).message}\n`);
    return 1;
  }
  if (settings.url !== undefined && settings.model === undefined) {
    out.write(row("Server", `${settings.url} (OpenAI-compatible; inference runs there, not on this machine)`));
  }

  const { llama } = await loadLlama({ gpu: settings.gpu });
  const devices = llama.gpu === false ? [] : await llama.getGpuDeviceNames();
  const usable = (await getLlamaGpuTypes("supported")).filter((type) => type !== false);
  const backend = backendName(llama.gpu);
  out.write(row("Backend", llama.gpu === false ? `CPU${usable.length === 0 ? " (no usable GPU found)" : ` (PATCHSMITH_GPU=${settings.gpu})`}` : `${backend}${devices.length > 0 ? ` (${devices.join(", ")})` : ""}`));
  if (llama.gpu !== false) {
    const vram = await llama.getVramState();
    out.write(row("VRAM", `${formatBytes(vram.total)} total, ${formatBytes(vram.free)} free`));
  } else {
    out.write(row("VRAM", "none in use"));
  }
  const ram = await llama.getRamState();
  out.write(row("RAM", `${formatBytes(ram.total)} total, ${formatBytes(ram.free)} free`));
  out.write(row("CPU", `${llama.cpuMathCores} math cores${settings.threads === undefined ? "" : `, PATCHSMITH_THREADS=${settings.threads}`}`));

  const choice = chooseDefaultModel(params.hardware ?? (await readHardware(llama)));
  out.write(row("Default", `${choice.label}, because ${choice.reason}: \`patchsmith model pull\` takes ${choice.uri}`));

  if (settings.model === undefined) {
    out.write(row("Model", `not configured: set PATCHSMITH_MODEL to a .gguf file or a URI (suggested for this machine: ${choice.uri})`));
    return 0;
  }
  let modelPath: string;
  try {
    modelPath = await resolveModelPath({ model: settings.model, cacheDir: settings.modelDir, download: false, ...(params.cwd === undefined ? {} : { cwd: params.cwd }) });
  } catch (error) {
    out.write(row("Model", (error as Error).message));
    return 1;
  }
  if (isModelUri(settings.model) && !existsSync(modelPath)) {
    out.write(row("Model", `${settings.model} is not downloaded yet: run \`patchsmith model pull ${settings.model}\``));
    return 1;
  }
  out.write(row("Model", modelPath));
  const shape = `a context of ${settings.contextSize} tokens × ${settings.sequences} sequence${settings.sequences === 1 ? "" : "s"}`;
  try {
    const fit = await checkModelFit({ llama, modelPath, contextSize: settings.contextSize, sequences: settings.sequences });
    out.write(row("Size", formatBytes(fit.modelBytes)));
    const trained = fit.trainedContextSize ?? settings.contextSize;
    const verdicts = {
      gpu: `yes: all ${fit.totalLayers} layers on the ${backend} GPU with ${shape} (about ${formatBytes(fit.vramBytes)} of VRAM)`,
      partial: `partly: ${fit.gpuLayers} of ${fit.totalLayers} layers on the GPU with ${shape}, the rest on the CPU (slower); a smaller quantisation or context would fit entirely`,
      cpu: `yes, on the CPU with ${shape} (about ${formatBytes(fit.ramBytes)} of RAM; expect a few tokens a second for a 7B model)`,
      "too-long": `no: a context of ${settings.contextSize} tokens is longer than the model was trained for (${trained} tokens); set PATCHSMITH_CONTEXT_SIZE to ${trained} or less`,
      no: `no: ${shape} needs more memory than this machine has; lower PATCHSMITH_CONTEXT_SIZE or PATCHSMITH_SEQUENCES, or choose a smaller model or quantisation`,
    };
    out.write(row("Fits", verdicts[fit.verdict]));
    return fit.verdict === "no" || fit.verdict === "too-long" ? 1 : 0;
  } catch (error) {
    out.write(row("Fits", describeLoadFailure({ error, modelPath, recentErrors: [], contextSize: settings.contextSize, sequences: settings.sequences })));
    return 1;
  }
}
