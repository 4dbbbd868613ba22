import { createServer, request, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { limitRequestBodies } from "../../src/server/limit-request-bodies.js";

const MAX = 64 * 1024;
let server: Server | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => {
    if (server === undefined) resolve();
    else server.close(() => { resolve(); });
  });
  server = undefined;
});

/** A server whose only listener records the bodies it read, behind the limit. */
async function start(): Promise<{ port: number; reached: string[] }> {
  const reached: string[] = [];
  server = createServer((req, res) => {
    const given = (req as IncomingMessage & { body?: string }).body;
    if (given !== undefined) {
      reached.push(given);
      res.end("ok");
      return;
    }
    let text = "";
    req.on("data", (chunk: Buffer) => (text += chunk.toString()));
    req.on("end", () => {
      reached.push(text);
      res.end("ok");
    });
  });
  limitRequestBodies(server, { maxBytes: MAX, path: "/api/github/webhooks", setting: "PATCHSMITH_MAX_PAYLOAD_BYTES" });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return { port: (server.address() as AddressInfo).port, reached };
}

/** Send the body in chunks (chunked when no Content-Length is given) and read the answer. */
function post(port: number, headers: Record<string, string>, chunks: readonly string[]): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path: "/api/github/webhooks", method: "POST", headers: { "content-type": "application/json", ...headers } }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => {
        resolve({ status: res.statusCode ?? 0, text });
      });
    });
    req.on("error", reject);
    for (const chunk of chunks) req.write(chunk);
    if (headers["content-length"] === undefined) req.end();
  });
}

describe("limitRequestBodies", () => {
  it("answers a 200 MB Content-Length 413 without reading the body", async () => {
    // The server side of a request whose headers arrived: a body stream nobody has read yet.
    const body = new PassThrough();
    const incoming = Object.assign(body, { method: "POST", url: "/api/github/webhooks", headers: { "content-length": String(200 * 1024 * 1024), "x-hub-signature-256": "sha256=forged" } });
    const answered: { status?: number; text?: string } = {};
    let ended!: () => void;
    const done = new Promise<void>((resolve) => (ended = resolve));
    const fakeResponse = {
      writeHead: (status: number) => {
        answered.status = status;
        return fakeResponse;
      },
      end: (text: string, callback: () => void) => {
        answered.text = text;
        callback();
        ended();
      },
    };
    const emitted: unknown[] = [];
    const server = { emit: (event: string | symbol, ...args: unknown[]) => emitted.push([event, ...args]) > 0 };
    limitRequestBodies(server, { maxBytes: MAX, path: "/api/github/webhooks", setting: "PATCHSMITH_MAX_PAYLOAD_BYTES" });
    body.write("x".repeat(16 * 1024));

    server.emit("request", incoming, fakeResponse);
    await done;

    expect(answered.status).toBe(413);
    expect(answered.text).toContain("PATCHSMITH_MAX_PAYLOAD_BYTES");
    expect(emitted).toEqual([]);
    // Not one byte was read: the slice sent is still in the stream's buffer, and the stream is destroyed.
    expect(body.readableLength).toBe(16 * 1024);
    expect(body.destroyed).toBe(true);
  });

  it("stops reading a chunked body at the limit, and hands a small one on as `body`", async () => {
    const { port, reached } = await start();
    const big = await post(port, {}, Array.from({ length: 20 }, () => "y".repeat(16 * 1024)));
    expect(big.status).toBe(413);
    expect(reached).toEqual([]);
    const small = await post(port, {}, ['{"a":', "1}"]);
    expect(small).toEqual({ status: 200, text: "ok" });
    expect(reached).toEqual(['{"a":1}']);
  });

  it("leaves a body under the limit to the server", async () => {
    const { port, reached } = await start();
    const body = JSON.stringify({ ok: true });
    expect(await post(port, { "content-length": String(body.length) }, [body])).toEqual({ status: 200, text: "ok" });
    expect(reached).toEqual([body]);
  });
});
