import { createHmac } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { pino } from "pino";
import { createNodeMiddleware, Probot, ProbotOctokit } from "probot";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../src/app.js";
import { readAppSettings } from "../../src/config/app-settings.js";
import type { ReviewJob } from "../../src/github/review-job.js";
import { guardWebhookPayloads } from "../../src/security/guard-webhook-payloads.js";
import { createTestLog } from "../helpers/create-test-log.js";
import { createTestProbot, testPrivateKey } from "../helpers/create-test-probot.js";
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
async function startServer(
  options: { readonly probot?: Probot; readonly queue?: ReturnType<typeof recordingQueue<ReviewJob>> } = {},
): Promise<{ url: string; queue: ReturnType<typeof recordingQueue<ReviewJob>> }> {
  const queue = options.queue ?? recordingQueue<ReviewJob>();
  const probot = options.probot ?? createTestProbot();
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

/** A Probot like the test one whose own log lines (its error handler's and its middleware's) are kept as text. */
function probotWithCapturedLog(): { probot: Probot; lines: string[] } {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  const probot = new Probot({
    appId: 123,
    privateKey: testPrivateKey(),
    secret: SECRET,
    log: pino({ level: "debug" }, destination),
    Octokit: ProbotOctokit.defaults((options: Record<string, unknown>) => ({ ...options, retry: { enabled: false }, throttle: { enabled: false } })),
  });
  return { probot, lines };
}

describe("webhook payloads stay out of the logs", () => {
  const CANARY = "CANARY-8d1f PR text that must not reach a log";
  const withCanary = (): string => {
    const payload = loadPayload("pull_request.opened");
    (payload.pull_request as Record<string, unknown>).body = CANARY;
    return JSON.stringify(payload);
  };

  it("logs a forged delivery by id and reason, without its payload, and never hands it to the app", async () => {
    const { probot, lines } = probotWithCapturedLog();
    const { url, queue } = await startServer({ probot });
    const body = withCanary();
    const answer = await deliver(url, body, { "x-hub-signature-256": sign(body, "forged") });
    expect(answer.status).toBe(400);
    expect(answer.text).toContain("WebhookSignatureError: The pull_request delivery d-1: signature does not match the payload and the app's webhook secret");
    expect(queue.added).toEqual([]);
    const log = lines.join("");
    expect(log).toContain("signature does not match");
    expect(log).toContain("WEBHOOK_SECRET differs");
    expect(log).not.toContain("CANARY-8d1f");
    expect(log).not.toContain("Codertocat");
  });

  it("logs a handler's failure with the delivery's id and the error, without the payload", async () => {
    const { probot, lines } = probotWithCapturedLog();
    const queue = recordingQueue<ReviewJob>();
    queue.add = () => {
      throw new Error("Redis is unreachable (test)");
    };
    const { url } = await startServer({ probot, queue });
    const body = withCanary();
    const answer = await deliver(url, body, { "x-hub-signature-256": sign(body) });
    // GitHub sees the failure (and can redeliver); the log says what failed, for which delivery.
    // Not recorded: 503, so GitHub can deliver it again.
    expect(answer.status).toBe(503);
    const log = lines.join("");
    expect(log).toContain("Redis is unreachable (test)");
    expect(log).toContain('"id":"d-1"');
    expect(log).not.toContain("CANARY-8d1f");
    expect(log).not.toContain("Codertocat");
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
