import { InsecureWebhookSecretError } from "./insecure-webhook-secret-error.js";

/** Probot's webhook secret when none is set: anyone could sign deliveries with it. */
const PROBOT_DEFAULT = "development";
const SHORT = 16;

/**
 * Refuse to start in production (NODE_ENV=production) without a real webhook
 * secret: with none, Probot verifies deliveries against "development", which
 * anyone can forge. Outside production it is allowed, with a warning. Returns
 * a warning to log (a short secret, or a development setup), or undefined.
 */
export function checkWebhookSecret(env: Readonly<Record<string, string | undefined>>): string | undefined {
  const secret = env.WEBHOOK_SECRET ?? "";
  const production = env.NODE_ENV === "production";
  const missing = secret.trim() === "";
  if (missing || secret === PROBOT_DEFAULT) {
    const what = missing ? "WEBHOOK_SECRET is not set" : `WEBHOOK_SECRET is Probot's default, "${PROBOT_DEFAULT}"`;
    if (production) {
      throw new InsecureWebhookSecretError(
        `${what}, so anyone could send forged webhooks. Set WEBHOOK_SECRET to a long random value (e.g. \`openssl rand -hex 32\`) here and in the GitHub App's settings, then start again.`,
      );
    }
    return `${what}: webhook signatures prove nothing. Fine for local development; never run like this with NODE_ENV=production.`;
  }
  if (secret.length < SHORT) return `WEBHOOK_SECRET is only ${secret.length} characters long; use at least ${SHORT} random characters (e.g. \`openssl rand -hex 32\`).`;
  return undefined;
}
