import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createNodeMiddleware } from "probot";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app.js";
import { readAppSettings } from "../../src/config/app-settings.js";
import type { ReviewJob } from "../../src/jobs/review-job.js";
import { guardWebhookPayloads } from "../../src/security/guard-webhook-payloads.js";
import { createTestLog } from "../helpers/create-test-log.js";
import { createTestProbot } from "../helpers/create-test-probot.js";
import { fakeReviewChange, emptyResult } from "../helpers/fake-review-change.js";
import { loadPayload } from "../helpers/load-payload.js";
import { recordingQueue } from "./recording-queue.js";

const SECRET = "test-secret";
const MAX_BYTES = 200_000;

const sign = (body: string, secret = SECRET): string => `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;

let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => {
    if (server === undefined) resolve();
    else server.close(() => { resolve(); });
  });
  server = undefined;
});

/** The app as index.ts wires it (payload guard, then createApp) behind Probot's real webhook middleware, on a loopback port. */
async function startServer(): Promise<{ url: string; queue: ReturnType<typeof recordingQueue<ReviewJob>> }> {
  const queue = recordingQueue<ReviewJob>();
  const probot = createTestProbot();
  const middleware = await createNodeMiddleware(
    (app, options) => {
      guardWebhookPayloads(app.webhooks, { maxBytes: MAX_BYTES });
      return createApp({ reviewChange: fakeReviewChange(emptyResult()), queue, settings: readAppSettings({}), now: () => 0, sleep: () => Promise.resolve(), log: createTestLog().log })(app, options);
    },
    { probot },
  );
  server = createServer((req, res) => {
    void middleware(req, res, () => {
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/github/webhooks`, queue };
}

async function deliver(url: string, body: string, headers: Record<string, string | undefined>): Promise<{ status: number; text: string }> {
  const sent: Record<string, string> = { "content-type": "application/json", "x-github-event": "pull_request", "x-github-delivery": "d-1" };
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) Reflect.deleteProperty(sent, name);
    else sent[name] = value;
  }
  const response = await fetch(url, { method: "POST", body, headers: sent });
  return { status: response.status, text: await response.text() };
}

const opened = (): string => JSON.stringify(loadPayload("pull_request.opened"));

describe("webhook signatures (Probot verifies them; these prove it, end to end)", () => {
  it("accepts a correctly signed delivery and queues the review", async () => {
    const { url, queue } = await startServer();
    const body = opened();
    expect(await deliver(url, body, { "x-hub-signature-256": sign(body) })).toEqual({ status: 200, text: "ok\n" });
    expect(queue.added.map((job) => job.key)).toEqual(["Codertocat/Hello-World#2"]);
  });

  it("rejects a delivery without a signature, before reading it", async () => {
    const { url, queue } = await startServer();
    const answer = await deliver(url, opened(), { "x-hub-signature-256": undefined });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("Required headers missing: x-hub-signature-256");
    expect(queue.added).toEqual([]);
  });

  it.each([
    ["signed with another secret", (body: string) => sign(body, "not-the-secret")],
    ["signed for a different body", (body: string) => sign(body.replace("opened", "closed"))],
    ["signed with Probot's default secret", (body: string) => sign(body, "development")],
    ["an empty signature", () => ""],
    ["the old SHA-1 header format only", (body: string) => `sha1=${createHmac("sha1", SECRET).update(body).digest("hex")}`],
    ["garbage", () => "sha256=zzzz"],
  ])("rejects a forged delivery: %s", async (_name, signature) => {
    const { url, queue } = await startServer();
    const body = opened();
    const answer = await deliver(url, body, { "x-hub-signature-256": signature(body) });
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/signature does not match|Required headers missing/);
    expect(queue.added).toEqual([]);
  });
});

describe("webhook payload limits and shapes", () => {
  it("refuses a payload over PATCHSMITH_MAX_PAYLOAD_BYTES with 413, signed or not, before checking or parsing it", async () => {
    const { url, queue } = await startServer();
    const payload = loadPayload("pull_request.opened");
    (payload.pull_request as Record<string, unknown>).body = "x".repeat(MAX_BYTES);
    const body = JSON.stringify(payload);
    for (const signature of [sign(body), sign(body, "forged")]) {
      const answer = await deliver(url, body, { "x-hub-signature-256": signature });
      expect(answer.status).toBe(413);
      expect(answer.text).toContain(`PayloadTooLargeError: The pull_request delivery d-1 is ${Buffer.byteLength(body)} bytes, over the limit of ${MAX_BYTES} (PATCHSMITH_MAX_PAYLOAD_BYTES)`);
    }
    expect(queue.added).toEqual([]);
  });

  it("answers a signed payload without a field the handler reads with 400 naming the field, not a crash", async () => {
    const { url, queue } = await startServer();
    const payload = loadPayload("pull_request.opened");
    delete (payload.pull_request as { head?: unknown }).head;
    const body = JSON.stringify(payload);
    const answer = await deliver(url, body, { "x-hub-signature-256": sign(body) });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("InvalidWebhookPayloadError: The pull_request delivery d-1 cannot be handled: `pull_request.head` ");
    expect(queue.added).toEqual([]);
  });

  it("answers signed JSON that is not an object, and signed text that is not JSON, with 400", async () => {
    const { url } = await startServer();
    for (const body of ["[1,2,3]", "null", "{not json"]) {
      const answer = await deliver(url, body, { "x-hub-signature-256": sign(body) });
      expect(answer.status).toBe(400);
    }
  });
});

describe("the webhook secret at start-up", () => {
  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it.each([
    ["without WEBHOOK_SECRET", undefined],
    ["with an empty WEBHOOK_SECRET", ""],
    ['with Probot\'s default secret, "development"', "development"],
  ])("the app refuses to start in production %s", async (_name, secret) => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("WEBHOOK_SECRET", secret);
    const { default: patchsmith } = await import("../../src/index.js");
    const probot = createTestProbot();
    await expect(probot.load(patchsmith)).rejects.toThrow(/WEBHOOK_SECRET .*anyone could send forged webhooks\. Set WEBHOOK_SECRET to a long random value/);
  });
});
