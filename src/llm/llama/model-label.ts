import path from "node:path";
import { GgufFileType, type LlamaModel } from "node-llama-cpp";

/**
 * "Qwen2.5 Coder 7B Instruct Q4_K_M": the model's own name (or its file name)
 * and its quantisation.
 */
export function modelLabel(model: LlamaModel, modelPath: string): { name: string; quant?: string } {
  const general = model.fileInfo.metadata.general;
  const name = general.name?.trim() ?? "";
  const fileType = general.file_type === undefined ? undefined : GgufFileType[general.file_type];
  const quant = fileType?.replace(/^(?:MOSTLY|ALL)_/, "");
  const label = name !== "" ? name : path.basename(modelPath).replace(/\.gguf$/i, "");
  return quant === undefined ? { name: label } : { name: label, quant };
}
