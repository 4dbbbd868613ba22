/**
 * The code model patchsmith suggests when none is named and the machine has
 * a GPU with room for it: Qwen2.5-Coder 7B Instruct at Q4_K_M, about 4.7 GB on
 * disk; with an 8192-token context it needs roughly 6 GB of VRAM, so it fits
 * 8–12 GB cards entirely.
 */
export const DEFAULT_MODEL_URI = "hf:bartowski/Qwen2.5-Coder-7B-Instruct-GGUF:Q4_K_M";

/**
 * The default without such a GPU: Qwen2.5-Coder 1.5B Instruct at Q4_K_M
 * (1.1 GB). On a CPU time is tokens: the 7B evaluates a prompt about five
 * times slower, so a review would take many minutes.
 */
export const SMALL_MODEL_URI = "hf:Qwen/Qwen2.5-Coder-1.5B-Instruct-GGUF/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf";

/** GPU memory the 7B needs with an 8192-token context, entirely on the GPU. */
export const DEFAULT_MODEL_VRAM_BYTES = 6e9;
