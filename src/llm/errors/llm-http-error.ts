/** Thrown when the OpenAI-compatible server answers with an error status or an unexpected body. */
export class LlmHttpError extends Error {
  override readonly name = "LlmHttpError";

  constructor(
    message: string,
    /** HTTP status, or undefined when the request never got an answer. */
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
