/**
 * The code model patchsmith suggests when none is named: Qwen2.5-Coder 7B
 * Instruct at Q4_K_M, about 4.7 GB on disk; with an 8192-token context it
 * needs roughly 6 GB of VRAM, so it fits 8–12 GB cards entirely.
 */
export const DEFAULT_MODEL_URI = "hf:bartowski/Qwen2.5-Coder-7B-Instruct-GGUF:Q4_K_M";
