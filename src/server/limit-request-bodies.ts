import type { IncomingMessage, ServerResponse } from "node:http";

/** The part of an http.Server this wraps: its `emit`, through which every request reaches the listeners. */
export interface RequestEmitter {
  emit(event: string | symbol, ...args: unknown[]): boolean;
}

/**
 * Refuse request bodies over `maxBytes` before anyone reads them (Probot's
 * webhook middleware reads a body whole before the signature is checked):
 *  1. a request whose Content-Length is over the limit is answered 413 and its
 *     connection closed, without reading the body;
 *  2. a POST to the webhook `path` without a Content-Length (chunked) is read
 *     here, stopping at the limit (413); under it, the text is handed on as
 *     `request.body`, which @octokit/webhooks' middleware uses instead of
 *     reading the stream;
 *  3. everything else reaches the server's listeners unchanged.
 */
export function limitRequestBodies(server: RequestEmitter, params: { readonly maxBytes: number; readonly path: string; readonly setting: string }): void {
  const emit = server.emit.bind(server);
  const refuse = (request: IncomingMessage, response: ServerResponse, bytes: string): void => {
    const error = `Payload too large: ${bytes} bytes, over the limit of ${String(params.maxBytes)} (${params.setting}); not read.`;
    response.writeHead(413, { "content-type": "application/json", connection: "close" });
    response.end(JSON.stringify({ error }), () => {
      request.destroy();
    });
  };
  server.emit = (event: string | symbol, ...args: unknown[]): boolean => {
    if (event !== "request") return emit(event, ...args);
    const [request, response] = args as [IncomingMessage, ServerResponse];
    const declared = request.headers["content-length"];
    if (declared !== undefined) {
      const length = Number(declared);
      if (Number.isFinite(length) && length > params.maxBytes) {
        refuse(request, response, declared);
        return true;
      }
      return emit(event, request, response);
    }
    if (request.method !== "POST" || pathOf(request.url) !== params.path) return emit(event, request, response);
    readUpTo(request, params.maxBytes).then(
      (text) => {
        if (text === undefined) refuse(request, response, `more than ${String(params.maxBytes)}`);
        else {
          Object.assign(request, { body: text });
          emit(event, request, response);
        }
      },
      () => {
        request.destroy();
      },
    );
    return true;
  };
}

/** The body as text, or undefined as soon as it passes `maxBytes` (reading stops there). */
function readUpTo(request: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    const onData = (chunk: Buffer): void => {
      bytes += chunk.length;
      if (bytes > maxBytes) {
        request.off("data", onData);
        request.pause();
        chunks.length = 0;
        resolve(undefined);
        return;
      }
      chunks.push(chunk);
    };
    request.on("data", onData);
    request.once("end", () => {
      resolve(Buffer.concat(chunks).toString("utf8"));
    });
    request.once("error", reject);
  });
}

function pathOf(url: string | undefined): string | undefined {
  try {
    return new URL(url ?? "/", "http://localhost").pathname.replace(/\/+$/, "");
  } catch {
    return undefined;
  }
}
