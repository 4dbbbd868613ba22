import type { Llama } from "node-llama-cpp";
import type { HardwareDescription } from "../choose-default-model.js";

/** The GPU backend node-llama-cpp uses here and its memory (none on the CPU). */
export async function readHardware(llama: Llama): Promise<HardwareDescription> {
  if (llama.gpu === false) return { gpu: false, vramTotal: 0, vramFree: 0 };
  const vram = await llama.getVramState();
  return { gpu: llama.gpu, vramTotal: vram.total, vramFree: vram.free };
}
