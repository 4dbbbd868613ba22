/**
 * Thrown when the configured model cannot be used: the file is missing or not
 * a GGUF file, there is not enough memory, or no runtime binary fits this
 * machine. The message names the file, the problem and what to do.
 */
export class ModelLoadError extends Error {
  override readonly name = "ModelLoadError";
}
