import { hideDeliveryFromLogs } from "./hide-delivery-from-logs.js";
import { InvalidWebhookPayloadError } from "./invalid-webhook-payload-error.js";
import { PayloadTooLargeError } from "./payload-too-large-error.js";
import { WEBHOOK_PAYLOAD_SCHEMAS } from "./webhook-payload-schemas.js";
import { WebhookSignatureError } from "./webhook-signature-error.js";

/** A delivery as @octokit/webhooks' middleware hands it over: the raw body and its signature. */
export interface SignedDelivery {
  readonly id: string;
  readonly name: string;
  readonly payload: string;
  readonly signature: string;
}

/** A webhook handler as @octokit/webhooks calls it (Probot's `app.on` registers through `webhooks.on`). */
type WebhookHandler = (event: { readonly id: string; readonly name: string }) => unknown;

/** The part of Probot's `app.webhooks` this guard wraps. */
export interface GuardedWebhooks {
  verifyAndReceive(event: SignedDelivery): Promise<void>;
  verify(payload: string, signature: string): Promise<boolean>;
  on(name: never, handler: WebhookHandler): void;
  onAny(handler: WebhookHandler): void;
}

/**
 * Put checks in front of every webhook delivery (Probot's middleware calls
 * `webhooks.verifyAndReceive` for each one):
 *  1. a body over `maxBytes` is refused with 413 before its signature is
 *     checked or it is parsed;
 *  2. a correctly signed payload of an event the app handles must have the
 *     fields the handler reads, else 400 naming the field (instead of a
 *     TypeError deep in a handler);
 *  3. a delivery whose signature does not match is refused with 400 here,
 *     so it never reaches Probot's error handler, which would log its payload;
 *  4. the rest goes to @octokit/webhooks unchanged (a missing signature header
 *     is refused by its middleware before this).
 * The middleware answers with the error's status and `name: message`. The
 * errors of handlers registered after this call (call it before the app's
 * `app.on`) and of the delivery as a whole carry only the delivery's id and
 * name, never its payload, into the logs.
 */
export function guardWebhookPayloads(webhooks: GuardedWebhooks, options: { readonly maxBytes: number }): void {
  const original = webhooks.verifyAndReceive.bind(webhooks);
  webhooks.verifyAndReceive = async (event) => {
    const bytes = Buffer.byteLength(event.payload, "utf8");
    if (bytes > options.maxBytes) {
      throw new AggregateError(
        [new PayloadTooLargeError(`The ${event.name} delivery ${event.id} is ${bytes} bytes, over the limit of ${options.maxBytes} (PATCHSMITH_MAX_PAYLOAD_BYTES); it was not processed.`)],
        "Payload too large",
      );
    }
    if (!(await webhooks.verify(event.payload, event.signature).catch(() => false))) {
      const message = `The ${event.name} delivery ${event.id}: signature does not match the payload and the app's webhook secret; it was not processed. If GitHub sent it, WEBHOOK_SECRET differs from the secret in the App's settings.`;
      throw new AggregateError([new WebhookSignatureError(message)], "Signature does not match");
    }
    const problem = shapeProblem(event);
    if (problem !== undefined) {
      throw new AggregateError([new InvalidWebhookPayloadError(`The ${event.name} delivery ${event.id} cannot be handled: ${problem}.`)], "Invalid payload");
    }
    try {
      await original(event);
    } catch (error) {
      throw hideDeliveryFromLogs(error);
    }
  };
  const on = webhooks.on.bind(webhooks);
  const onAny = webhooks.onAny.bind(webhooks);
  webhooks.on = (name, handler) => {
    on(name, hidingDelivery(handler));
  };
  webhooks.onAny = (handler) => {
    onAny(hidingDelivery(handler));
  };
}

/** The handler, whose errors carry only the delivery's id and name when @octokit/webhooks attaches the delivery to them. */
function hidingDelivery(handler: WebhookHandler): WebhookHandler {
  return async (event) => {
    try {
      return await handler(event);
    } catch (error) {
      throw hideDeliveryFromLogs(error);
    }
  };
}

/** What is wrong with a signed payload, or undefined when it has what its handler reads (bad JSON is left to @octokit/webhooks). */
function shapeProblem(event: SignedDelivery): string | undefined {
  let payload: unknown;
  try {
    payload = JSON.parse(event.payload);
  } catch {
    return undefined;
  }
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return "the payload is not a JSON object";
  const schema = WEBHOOK_PAYLOAD_SCHEMAS[event.name];
  if (schema === undefined) return undefined;
  const result = schema.safeParse(payload);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  const field = issue === undefined || issue.path.length === 0 ? "(top level)" : issue.path.map(String).join(".");
  return `\`${field}\` ${issue?.message ?? "is not valid"}`;
}
