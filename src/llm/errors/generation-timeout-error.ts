/** Thrown when one generation runs past its time limit (the caller's own cancellation is not this). */
export class GenerationTimeoutError extends Error {
  override readonly name = "GenerationTimeoutError";
}
