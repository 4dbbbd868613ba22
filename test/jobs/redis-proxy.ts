import { createServer, Socket, type Server } from "node:net";
import { once } from "node:events";

/**
 * A TCP proxy in front of the test redis-server that can hold one command on
 * its way: the tests use it to stop a queue at an exact point (its BullMQ add,
 * a worker's "job finished, give me the next one") and act while it is held.
 */
export interface RedisProxy {
  /** redis:// URL of the proxy. */
  readonly url: string;
  /**
   * Hold the next data sent to Redis that contains `marker`, and everything
   * after it on the same connection (so nothing is reordered); resolves once
   * something is held.
   */
  holdNext(marker: string): Promise<void>;
  /** Send what is held, in order, and stop holding. */
  release(): void;
  close(): Promise<void>;
}

export async function startRedisProxy(redisUrl: string): Promise<RedisProxy> {
  const target = new URL(redisUrl);
  const sockets = new Set<Socket>();
  let armed: { readonly marker: string; readonly held: () => void } | undefined;
  let holding: { readonly upstream: Socket; readonly chunks: Buffer[] } | undefined;

  const server: Server = createServer((client) => {
    const upstream = new Socket();
    sockets.add(client);
    sockets.add(upstream);
    upstream.connect(Number(target.port || 6379), target.hostname);
    upstream.on("data", (chunk) => client.write(chunk));
    client.on("data", (chunk: Buffer) => {
      if (holding?.upstream === upstream) {
        holding.chunks.push(chunk);
        return;
      }
      if (armed !== undefined && chunk.includes(armed.marker)) {
        holding = { upstream, chunks: [chunk] };
        const { held } = armed;
        armed = undefined;
        held();
        return;
      }
      upstream.write(chunk);
    });
    const end = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on("close", end);
    upstream.on("close", end);
    client.on("error", end);
    upstream.on("error", end);
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;

  return {
    url: `redis://127.0.0.1:${String(port)}`,
    holdNext(marker) {
      return new Promise((resolve) => {
        armed = { marker, held: resolve };
      });
    },
    release() {
      const current = holding;
      holding = undefined;
      for (const chunk of current?.chunks ?? []) current?.upstream.write(chunk);
    },
    async close() {
      for (const socket of sockets) socket.destroy();
      server.close();
      await once(server, "close");
    },
  };
}
