import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface SilentServer {
  readonly url: string;
  /** Requests it received (method and URL), none of them answered. */
  readonly requests: string[];
  close(): Promise<void>;
}

/**
 * A loopback server that accepts every request and never answers it (a
 * GitHub or model host that hangs); the test setup lets loopback through nock.
 */
export async function startSilentServer(): Promise<SilentServer> {
  const requests: string[] = [];
  const server: Server = createServer((request) => {
    requests.push(`${request.method ?? ""} ${request.url ?? ""}`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`,
    requests,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => { resolve(); }));
    },
  };
}
