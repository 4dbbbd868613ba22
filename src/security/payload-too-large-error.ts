/** Thrown (status 413) for a webhook delivery larger than PATCHSMITH_MAX_PAYLOAD_BYTES; it is refused before its signature is checked or it is parsed. */
export class PayloadTooLargeError extends Error {
  override readonly name = "PayloadTooLargeError";
  readonly status = 413;
}
