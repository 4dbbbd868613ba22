/** Thrown (status 400) for a correctly signed webhook whose payload lacks a field the app reads; the message names the field. */
export class InvalidWebhookPayloadError extends Error {
  override readonly name = "InvalidWebhookPayloadError";
  readonly status = 400;
}
