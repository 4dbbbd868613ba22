import { DEFAULT_MODEL_URI, DEFAULT_MODEL_VRAM_BYTES, SMALL_MODEL_URI } from "./default-model.js";
import { formatBytes } from "./format-bytes.js";

/** The machine as the model's choice sees it (node-llama-cpp's `llama.gpu` and `getVramState()`). */
export interface HardwareDescription {
  /** The GPU backend in use, or false for the CPU. */
  readonly gpu: false | string;
  /** GPU memory in bytes (0 without a GPU). */
  readonly vramTotal: number;
  readonly vramFree: number;
}

export interface DefaultModelChoice {
  readonly uri: string;
  /** The model in words, e.g. "Qwen2.5-Coder 7B Instruct (Q4_K_M)". */
  readonly label: string;
  /** Why, in one sentence about this machine. */
  readonly reason: string;
}

const BACKENDS: Readonly<Record<string, string>> = { cuda: "CUDA", vulkan: "Vulkan", metal: "Metal" };

/**
 * The model `patchsmith model pull` takes when none is named: the 7B on a GPU
 * with room for it (free memory, not total: another process may hold the rest),
 * the 1.5B otherwise.
 */
export function chooseDefaultModel(hardware: HardwareDescription): DefaultModelChoice {
  const needs = formatBytes(DEFAULT_MODEL_VRAM_BYTES);
  if (hardware.gpu === false) {
    return { uri: SMALL_MODEL_URI, label: "Qwen2.5-Coder 1.5B Instruct (Q4_K_M)", reason: `no GPU in use here, and on a CPU the 7B is too slow for a review (the 7B needs a GPU with ${needs} free)` };
  }
  const gpu = `the ${BACKENDS[hardware.gpu] ?? hardware.gpu} GPU has ${formatBytes(hardware.vramFree)} free of ${formatBytes(hardware.vramTotal)}`;
  if (hardware.vramFree >= DEFAULT_MODEL_VRAM_BYTES) {
    return { uri: DEFAULT_MODEL_URI, label: "Qwen2.5-Coder 7B Instruct (Q4_K_M)", reason: `${gpu}, room for the 7B (it needs about ${needs})` };
  }
  return { uri: SMALL_MODEL_URI, label: "Qwen2.5-Coder 1.5B Instruct (Q4_K_M)", reason: `${gpu}, less than the ${needs} the 7B needs` };
}
