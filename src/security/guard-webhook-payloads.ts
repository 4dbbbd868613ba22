import { InvalidWebhookPayloadError } from "./invalid-webhook-payload-error.js";
import { PayloadTooLargeError } from "./payload-too-large-error.js";
import { WEBHOOK_PAYLOAD_SCHEMAS } from "./webhook-payload-schemas.js";

/** A delivery as @octokit/webhooks' middleware hands it over: the raw body and its signature. */
export interface SignedDelivery {
  readonly id: string;
  readonly name: string;
  readonly payload: string;
  readonly signature: string;
}

/** The part of Probot's `app.webhooks` this guard wraps. */
export interface GuardedWebhooks {
  verifyAndReceive(event: SignedDelivery): Promise<void>;
  verify(payload: string, signature: string): Promise<boolean>;
}

/**
 * Put checks in front of every webhook delivery (Probot's middleware calls
 * `webhooks.verifyAndReceive` for each one):
 *  1. a body over `maxBytes` is refused with 413 before its signature is
 *     checked or it is parsed;
 *  2. a correctly signed payload of an event the app handles must have the
 *     fields the handler reads, else 400 naming the field (instead of a
 *     TypeError deep in a handler);
 *  3. everything else, forged and unsigned deliveries included, goes to
 *     @octokit/webhooks' own verification unchanged (a bad signature is a 400).
 * The middleware answers with the error's status and `name: message`.
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
    const problem = (await webhooks.verify(event.payload, event.signature).catch(() => false)) ? shapeProblem(event) : undefined;
    if (problem !== undefined) {
      throw new AggregateError([new InvalidWebhookPayloadError(`The ${event.name} delivery ${event.id} cannot be handled: ${problem}.`)], "Invalid payload");
    }
    await original(event);
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
