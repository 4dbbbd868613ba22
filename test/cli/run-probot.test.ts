import { createServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "ioredis";
import type { Probot, Server } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runProbot } from "../../src/cli/run-probot.js";
import { testPrivateKey } from "../helpers/create-test-probot.js";
import { assertRedisReachable, REDIS_REQUIRED, REDIS_URL, redisReachable, redisSuiteTitle } from "../jobs/redis-test-url.js";

const available = await redisReachable();
if (!available && !REDIS_REQUIRED) console.warn(redisSuiteTitle("runProbot with REDIS_URL", false));

/** A fake GitHub on loopback: an installation token, the app, and one repository. */
async function startFakeGitHub(): Promise<{ readonly server: HttpServer; readonly host: string; readonly requests: string[] }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method ?? "?"} ${req.url ?? "?"}`);
    res.setHeader("content-type", "application/json");
    if (req.method === "POST" && req.url === "/api/v3/app/installations/7/access_tokens") {
      res.statusCode = 201;
      res.end(JSON.stringify({ token: "ghs_test", expires_at: new Date(Date.now() + 3_600_000).toISOString(), permissions: {}, repository_selection: "all" }));
    } else if (req.url === "/api/v3/app") res.end(JSON.stringify({ id: 1, slug: "patchsmith" }));
    else if (req.url === "/api/v3/repos/o/r") res.end(JSON.stringify({ id: 2, full_name: "o/r" }));
    else {
      res.statusCode = 404;
      res.end(JSON.stringify({ message: "Not Found" }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, host: `127.0.0.1:${String((server.address() as AddressInfo).port)}`, requests };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe.skipIf(!available && !REDIS_REQUIRED)(redisSuiteTitle("runProbot with REDIS_URL (real redis-server)", available || REDIS_REQUIRED), () => {
  let redis: Redis | undefined;
  beforeAll(() => {
    assertRedisReachable(available);
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  });
  afterAll(async () => {
    await redis?.quit();
  });

  it("GitHub calls through the app's octokit still succeed after Redis loses the rate limiter's keys (Redis 7 answers `ERR SETTINGS_KEY_NOT_FOUND`, which bottleneck does not recognise)", async () => {
    const github = await startFakeGitHub();
    let app: Probot | undefined;
    let server: Server | undefined;
    try {
      server = await runProbot(
        (probot) => {
          app = probot;
        },
        { APP_ID: "1", PRIVATE_KEY: testPrivateKey(), WEBHOOK_SECRET: "a-long-test-secret-1234", HOST: "127.0.0.1", PORT: String(await freePort()), LOG_LEVEL: "fatal", GHE_HOST: github.host, GHE_PROTOCOL: "http", REDIS_URL },
      );
      if (app === undefined) throw new Error("the app function was not called");
      const appOctokit = await app.auth();
      const installation = await app.auth(7);
      expect((await appOctokit.request("GET /app")).status).toBe(200);
      expect((await installation.request("GET /repos/{owner}/{repo}", { owner: "o", repo: "r" })).status).toBe(200);
      // What Redis does when the limiter's keys expire or are evicted (bottleneck's keys start with `b_`).
      const keys = await redis?.keys("b_*");
      if (keys !== undefined && keys.length > 0) await redis?.del(...keys);
      expect((await appOctokit.request("GET /app")).status).toBe(200);
      expect((await installation.request("GET /repos/{owner}/{repo}", { owner: "o", repo: "r" })).status).toBe(200);
      expect(github.requests.filter((line) => line === "GET /api/v3/repos/o/r")).toHaveLength(2);
    } finally {
      await server?.stop();
      github.server.close();
    }
  });
});
