import { Socket } from "node:net";

/** The redis-server the Redis tests use: `.ci/run` starts one on this port. */
export const REDIS_URL = process.env.PATCHSMITH_TEST_REDIS_URL ?? "redis://127.0.0.1:6390";

/** Set (as `.ci/run` does): Redis must be there, and the tests fail instead of skipping. */
export const REDIS_REQUIRED = process.env.PATCHSMITH_TEST_REDIS_URL !== undefined;

/** True when something answers PING at REDIS_URL (tests that need Redis skip otherwise). */
export async function redisReachable(url = REDIS_URL): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => {
      done(false);
    });
    socket.once("error", () => {
      done(false);
    });
    socket.connect(Number(port || 6379), hostname, () => socket.write("PING\r\n"));
    socket.once("data", (data) => {
      done(data.toString().startsWith("+PONG"));
    });
  });
}

/** The describe title: says plainly when and why the Redis tests are skipped. */
export function redisSuiteTitle(title: string, available: boolean): string {
  return available ? title : `${title} (SKIPPED: no redis-server answers at ${REDIS_URL}; start one or set PATCHSMITH_TEST_REDIS_URL)`;
}

/** For a Redis suite's `beforeAll`: with no redis-server there, every test of the suite fails at once, saying why (instead of each timing out). */
export function assertRedisReachable(available: boolean): void {
  if (!available) throw new Error(`No redis-server answers at ${REDIS_URL}, and PATCHSMITH_TEST_REDIS_URL says the Redis tests must run: start one (redis-server --port 6390 --bind 127.0.0.1 --save '' --appendonly no --daemonize yes) or unset PATCHSMITH_TEST_REDIS_URL.`);
}
