import path from "node:path";

/**
 * Why a model could not be loaded, in words that name the file, the problem
 * and what to do. `recentErrors` are llama.cpp's own log lines, which often
 * hold the real reason behind a bare "Failed to load model".
 */
export function describeLoadFailure(params: {
  readonly error: unknown;
  readonly modelPath: string;
  readonly recentErrors: readonly string[];
  readonly contextSize: number;
  readonly sequences: number;
}): string {
  const { error, modelPath } = params;
  const name = error instanceof Error ? error.name : "";
  const constructorName = error instanceof Error ? error.constructor.name : "";
  const message = error instanceof Error ? error.message : String(error);
  const llamaSaid = params.recentErrors.filter((line) => !/failed to load model$/i.test(line)).at(-1);
  const file = path.basename(modelPath);
  const redownload = "Download it again (patchsmith model pull URI) or point PATCHSMITH_MODEL at a complete .gguf file.";

  if (constructorName === "InvalidGgufMagicError" || /GGUF magic/i.test(message)) {
    return `Model file ${modelPath} is not a GGUF file (${message}) ${redownload}`;
  }
  if (constructorName === "InsufficientMemoryError" || /too large for the available|out of memory|failed to allocate/i.test(`${message} ${llamaSaid ?? ""}`)) {
    return (
      `Not enough memory to run ${file} with a context of ${params.contextSize} tokens × ${params.sequences} sequence(s) (${message}). ` +
      "Lower PATCHSMITH_CONTEXT_SIZE or PATCHSMITH_SEQUENCES, choose a smaller quantisation (Q4_K_M instead of Q8_0) or a smaller model, " +
      "or run the model on a bigger machine and set PATCHSMITH_LLM_URL."
    );
  }
  if (constructorName === "NoBinaryFoundError") {
    return `node-llama-cpp has no prebuilt llama.cpp binary for this platform (${message}). Run the model on a supported machine and set PATCHSMITH_LLM_URL instead.`;
  }
  if (llamaSaid !== undefined && /unknown (?:model )?architecture/i.test(llamaSaid)) {
    return `Model file ${modelPath} uses an architecture this version of llama.cpp does not support (llama.cpp: ${llamaSaid}). Choose another model.`;
  }
  if (llamaSaid !== undefined && /corrupt|incomplete|not within the file bounds|unexpected end|failed to read/i.test(llamaSaid)) {
    return `Model file ${modelPath} is corrupted or incomplete (llama.cpp: ${llamaSaid}). ${redownload}`;
  }
  const detail = llamaSaid === undefined ? message : `${message}; llama.cpp: ${llamaSaid}`;
  return `Model file ${modelPath} could not be loaded (${name === "" ? "" : `${name}: `}${detail}). Check that it is a complete GGUF file of a model llama.cpp supports.`;
}
