/** Thrown when the model's answer is not JSON, or not the JSON its schema asks for. */
export class InvalidModelOutputError extends Error {
  override readonly name = "InvalidModelOutputError";
}
