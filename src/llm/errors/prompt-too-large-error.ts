/** Thrown when a prompt does not fit the model's context even with every optional part left out. */
export class PromptTooLargeError extends Error {
  override readonly name = "PromptTooLargeError";

  constructor(
    message: string,
    /** Tokens of the smallest version of the prompt. */
    readonly tokens: number,
    /** Most prompt tokens the model accepts. */
    readonly limit: number,
  ) {
    super(message);
  }
}
