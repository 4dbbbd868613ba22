import { readFileSync } from "node:fs";
import type { Probot } from "probot";

/** A webhook event as `probot.receive` takes it. */
export type WebhookEvent = Parameters<Probot["receive"]>[0];

/** A payload file under test/fixtures/payloads/ (copied unchanged from @octokit/webhooks-examples). */
export type PayloadName =
  | "pull_request.opened"
  | "pull_request.synchronize"
  | "pull_request.reopened"
  | "pull_request.ready_for_review"
  | "pull_request.closed"
  | "check_run.rerequested"
  | "issue_comment.created"
  | "issue_comment.edited"
  | "pull_request_review_comment.created"
  | "pull_request_review_comment.edited"
  | "installation.created";

/**
 * A real payload, parsed fresh each call so a test may adjust the fields it
 * needs (a draft flag, a head SHA) without touching other tests.
 */
export function loadPayload(name: PayloadName): Record<string, unknown> & { pull_request?: Record<string, unknown> } {
  const url = new URL(`../fixtures/payloads/${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as Record<string, unknown> & { pull_request?: Record<string, unknown> };
}

/** The event for `probot.receive`: the delivery id is what GitHub sends as X-GitHub-Delivery. */
export function webhookEvent(name: PayloadName, id: string, payload: Record<string, unknown> = loadPayload(name)): WebhookEvent {
  const [event] = name.split(".");
  return { id, name: event, payload } as unknown as WebhookEvent;
}
