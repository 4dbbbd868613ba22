/** Which compute backend to load: detect the best one, name one, or stay on the CPU. */
export type GpuChoice = "auto" | "cuda" | "vulkan" | "metal" | "cpu";

export const GPU_CHOICES: readonly GpuChoice[] = ["auto", "cuda", "vulkan", "metal", "cpu"];

/** The `gpu` option of node-llama-cpp's getLlama for a choice. */
export function toLlamaGpuOption(choice: GpuChoice): "auto" | "cuda" | "vulkan" | "metal" | false {
  return choice === "cpu" ? false : choice;
}
