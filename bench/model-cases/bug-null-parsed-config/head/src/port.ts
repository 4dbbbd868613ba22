import type { ServerConfig } from "./config.js";

export function listenPort(text: string): number {
  const config = JSON.parse(text) as ServerConfig;
  const server = config.server as { port: number };
  return server.port;
}
