import { createHmac } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createNodeMiddleware } from "probot";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.js";
import { readAppSettings } from "../../src/config/app-settings.js";
import type { ReviewJob } from "../../src/github/review-job.js";
import { guardWebhookPayloads } from "../../src/security/guard-webhook-payloads.js";
import { createTestLog } from "../helpers/create-test-log.js";
import { createTestProbot } from "../helpers/create-test-probot.js";
import { emptyResult, fakeReviewChange } from "../helpers/fake-review-change.js";
import { loadPayload, type PayloadName } from "../helpers/load-payload.js";
import { recordingQueue } from "../security/recording-queue.js";
import { mutateMany, randomText, seededRandom } from "./mutate.js";

const SECRET = "test-secret";
const sign = (body: string): string => `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
const NAMES: readonly PayloadName[] = ["pull_request.opened", "pull_request.synchronize", "pull_request.reopened", "pull_request.ready_for_review", "pull_request.closed", "check_run.rerequested", "installation.created"];
const WEIRD: readonly unknown[] = [null, 0, -1, 1.5, "", "x".repeat(300), [], {}, true, { login: 5 }, [null], "\u202e"];

type Middleware = Awaited<ReturnType<typeof createNodeMiddleware>>;
let middleware: Middleware;
const errors: string[] = [];
const queue = recordingQueue<ReviewJob>();

beforeAll(async () => {
  const probot = createTestProbot();
  middleware = await createNodeMiddleware(
    (app, options) => {
      guardWebhookPayloads(app.webhooks, { maxBytes: 100_000 });
      app.onError((error) => {
        errors.push(String(error));
      });
      return createApp({ reviewChange: fakeReviewChange(emptyResult()), queue, settings: readAppSettings({}), now: () => 0, sleep: () => Promise.resolve(), log: createTestLog().log })(app, options);
    },
    { probot },
  );
});

/** Replace, remove or retype one field somewhere in a payload. */
function mutatePayload(value: unknown, random: () => number, depth = 0): unknown {
  const weird = (): unknown => WEIRD[Math.floor(random() * WEIRD.length)];
  if (typeof value !== "object" || value === null) return random() < 0.5 ? weird() : value;
  const items: unknown[] | undefined = Array.isArray(value) ? [...(value as unknown[])] : undefined;
  const record: Record<string, unknown> = items === undefined ? { ...(value as Record<string, unknown>) } : Object.fromEntries(items.map((item, index) => [String(index), item]));
  const keys = Object.keys(record);
  if (keys.length === 0 || depth > 6) return weird();
  const key = keys[Math.floor(random() * keys.length)] ?? "";
  const roll = random();
  if (roll < 0.25) Reflect.deleteProperty(record, key);
  else if (roll < 0.5) record[key] = weird();
  else record[key] = mutatePayload(record[key], random, depth + 1);
  return items === undefined ? record : Object.values(record);
}

/**
 * One delivery through Probot's real Node middleware, called directly (the
 * request carries its body, as a body-parsing server would hand it over), so
 * hundreds of deliveries take no network round trips. test/security/webhooks.test.ts
 * goes through a real HTTP server.
 */
async function post(event: string, body: string, signature: string): Promise<number> {
  let status = 0;
  const request = { url: "/api/github/webhooks", method: "POST", body, headers: { "content-type": "application/json", "x-github-event": event, "x-github-delivery": `fuzz-${String(++deliveries)}`, "x-hub-signature-256": signature } };
  const response = {
    writeHead(code: number) {
      status = code;
      return { end: () => undefined };
    },
  };
  await middleware(request as unknown as IncomingMessage, response as unknown as ServerResponse, () => undefined);
  return status;
}
let deliveries = 0;

describe("fuzz: malformed webhook payloads at the real middleware", () => {
  it("answers 400 naming the problem, or 200, for 300 signed payloads with fields removed, retyped or replaced — never 500", async () => {
    const random = seededRandom(505);
    const statuses = new Map<number, number>();
    for (let round = 0; round < 300; round += 1) {
      const name = NAMES[round % NAMES.length] ?? "pull_request.opened";
      let payload: unknown = loadPayload(name);
      for (let i = 0; i < 1 + Math.floor(random() * 3); i += 1) payload = mutatePayload(payload, random);
      const body = payload === undefined ? "null" : JSON.stringify(payload);
      const status = await post(name.split(".")[0] ?? "", body, sign(body));
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
      expect([200, 400]).toContain(status);
    }
    // Both answers happen: the fuzzing reaches the handlers and the shape check.
    expect(statuses.get(200)).toBeGreaterThan(10);
    expect(statuses.get(400)).toBeGreaterThan(10);
    expect(errors.filter((error) => /TypeError|Cannot read/.test(error))).toEqual([]);
  });

  it("answers 400 for 200 signed bodies that are mangled text, and for random bytes under a forged signature", async () => {
    const random = seededRandom(606);
    for (let round = 0; round < 200; round += 1) {
      const name = NAMES[round % NAMES.length] ?? "pull_request.opened";
      const body = round % 4 === 0 ? randomText(random, 500) : mutateMany(JSON.stringify(loadPayload(name)), random);
      const signed = await post(name.split(".")[0] ?? "", body, sign(body));
      expect([200, 400]).toContain(signed);
      expect(await post("pull_request", body, sign(`${body}x`))).toBe(400);
    }
    expect(errors.filter((error) => /TypeError|Cannot read/.test(error))).toEqual([]);
  });
});
