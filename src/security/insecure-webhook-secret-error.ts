/** Thrown at start-up in production when WEBHOOK_SECRET is missing or is Probot's default, "development". */
export class InsecureWebhookSecretError extends Error {
  override readonly name = "InsecureWebhookSecretError";
}
