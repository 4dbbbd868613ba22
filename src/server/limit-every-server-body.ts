import diagnostics from "node:diagnostics_channel";
import { limitRequestBodies, type RequestEmitter } from "./limit-request-bodies.js";

/**
 * Apply limitRequestBodies to the HTTP server Probot starts (Probot's `run`
 * gives the app no handle on it): Node announces each request on the
 * `http.server.request.start` channel just before the server emits it, so the
 * first request of each server wraps that server, itself included.
 */
export function limitEveryServerBody(params: { readonly maxBytes: number; readonly path: string; readonly setting: string }): void {
  const wrapped = new WeakSet<object>();
  diagnostics.subscribe("http.server.request.start", (message) => {
    const { server } = message as { server?: RequestEmitter };
    if (server === undefined || wrapped.has(server)) return;
    wrapped.add(server);
    limitRequestBodies(server, params);
  });
}
