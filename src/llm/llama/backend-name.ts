import type { LlamaGpuType } from "node-llama-cpp";

/** The compute backend in words: "CUDA", "Vulkan", "Metal" or "CPU". */
export function backendName(gpu: LlamaGpuType): string {
  switch (gpu) {
    case "cuda":
      return "CUDA";
    case "vulkan":
      return "Vulkan";
    case "metal":
      return "Metal";
    case false:
      return "CPU";
  }
}
