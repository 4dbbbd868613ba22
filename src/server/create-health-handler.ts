import type { IncomingMessage, ServerResponse } from "node:http";
import type { Registry } from "prom-client";

/**
 * GET /healthz and GET /metrics beside Probot's routes (Probot's `addHandler`).
 * /healthz answers 200 when the process is up and, when Redis is configured,
 * Redis answers PING; 503 otherwise, with a JSON body saying which part failed.
 * /metrics is the Prometheus text format. Returns false for any other request.
 */
export function createHealthHandler(params: { readonly registry: Registry; readonly pingRedis?: () => Promise<boolean> }): (req: IncomingMessage, res: ServerResponse) => Promise<boolean> {
  return async (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "GET" || (path !== "/healthz" && path !== "/metrics")) return false;
    if (path === "/metrics") {
      const body = await params.registry.metrics();
      res.writeHead(200, { "content-type": params.registry.contentType }).end(body);
      return true;
    }
    const redis = params.pingRedis === undefined ? "not configured" : (await params.pingRedis()) ? "ok" : "unreachable";
    const ok = redis !== "unreachable";
    res.writeHead(ok ? 200 : 503, { "content-type": "application/json" }).end(JSON.stringify({ status: ok ? "ok" : "unhealthy", process: "ok", redis }));
    return true;
  };
}
