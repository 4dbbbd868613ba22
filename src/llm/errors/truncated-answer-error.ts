import { InvalidModelOutputError } from "./invalid-model-output-error.js";

/** Thrown when the model's answer reached its token limit: `partial` is what it wrote until then (untrusted, like any answer). */
export class TruncatedAnswerError extends InvalidModelOutputError {
  override readonly name = "InvalidModelOutputError";
  constructor(
    message: string,
    readonly partial: string,
  ) {
    super(message);
  }
}
