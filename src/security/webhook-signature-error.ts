/** Thrown (status 400) for a delivery whose X-Hub-Signature-256 does not match its body and the app's webhook secret. */
export class WebhookSignatureError extends Error {
  override readonly name = "WebhookSignatureError";
  readonly status = 400;
}
