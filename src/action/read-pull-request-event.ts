import { UsageError } from "../cli/cli-io.js";
import type { PullRequestPayload } from "../github/decide-pull-request-event.js";

/** The events whose payload is a pull request's (`pull_request_target` runs the base branch's workflow). */
const PULL_REQUEST_EVENTS = new Set(["pull_request", "pull_request_target"]);

/**
 * The `pull_request` payload GitHub Actions wrote to GITHUB_EVENT_PATH, with
 * the fields the review reads checked (it is JSON from a file; the review
 * re-reads the pull request through the API anyway). A run for another event,
 * or a payload without those fields, throws a UsageError saying what to change.
 */
export function readPullRequestEvent(eventName: string | undefined, json: string): PullRequestPayload {
  if (eventName === undefined || !PULL_REQUEST_EVENTS.has(eventName)) {
    throw new UsageError(
      `patchsmith reviews pull requests: run it on \`pull_request\` events (this run is for ${eventName === undefined ? "no event: GITHUB_EVENT_NAME is not set" : `a \`${eventName}\` event`}).`,
    );
  }
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch (error) {
    throw new UsageError(`The event payload at GITHUB_EVENT_PATH is not JSON (${(error as Error).message}).`, { cause: error });
  }
  const action = field(payload, "action");
  const number = field(payload, "number");
  const pr = field(payload, "pull_request");
  const state = field(pr, "state");
  const headSha = field(field(pr, "head"), "sha");
  const user = field(pr, "user");
  const login = field(user, "login");
  const userType = field(user, "type");
  const repository = field(payload, "repository");
  const name = field(repository, "name");
  const owner = field(field(repository, "owner"), "login");
  if (typeof action !== "string" || typeof number !== "number" || typeof state !== "string" || typeof headSha !== "string" || typeof name !== "string" || typeof owner !== "string") {
    throw new UsageError(`The ${eventName} event payload has no pull request (action, number, pull_request.head.sha, repository); is the workflow triggered by \`on: pull_request\`?`);
  }
  return {
    action,
    number,
    pull_request: {
      state,
      head: { sha: headSha },
      user: typeof login === "string" ? { login, type: typeof userType === "string" ? userType : undefined } : null,
    },
    repository: { name, owner: { login: owner } },
  };
}

function field(value: unknown, key: string): unknown {
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
}
