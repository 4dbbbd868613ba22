import { createServer, type Server } from "node:http";
import { once } from "node:events";
import { afterEach, describe, expect, it } from "vitest";
import { createHealthHandler } from "../../src/server/create-health-handler.js";
import { createMetrics } from "../../src/server/create-metrics.js";

let server: Server | undefined;

async function serve(handler: ReturnType<typeof createHealthHandler>): Promise<string> {
  server = createServer((req, res) => {
    void handler(req, res).then((handled) => {
      if (!handled) res.writeHead(404).end("not mine");
    });
  });
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  return `http://127.0.0.1:${String(typeof address === "object" && address !== null ? address.port : 0)}`;
}

describe("createHealthHandler", () => {
  afterEach(() => {
    server?.close();
  });

  it("answers /healthz with the process and Redis status: 200 when Redis answers, 503 when it does not", async () => {
    let redisUp = true;
    const metrics = createMetrics({ counts: { review: () => ({ waiting: 0, active: 0 }) }, defaults: false });
    const base = await serve(createHealthHandler({ registry: metrics.registry, pingRedis: () => Promise.resolve(redisUp) }));
    const up = await fetch(`${base}/healthz`);
    expect([up.status, await up.json()]).toEqual([200, { status: "ok", process: "ok", redis: "ok" }]);
    redisUp = false;
    const down = await fetch(`${base}/healthz`);
    expect([down.status, await down.json()]).toEqual([503, { status: "unhealthy", process: "ok", redis: "unreachable" }]);
    const other = await fetch(`${base}/api/github/webhooks`);
    expect([other.status, await other.text()]).toEqual([404, "not mine"]);
  });

  it("serves /metrics in Prometheus text: webhooks, jobs queued/running/done/failed, stage durations, suggestions", async () => {
    const metrics = createMetrics({
      counts: { review: () => ({ waiting: 3, active: 1 }), command: () => Promise.resolve({ waiting: 0, active: 2 }), scan: () => ({ waiting: 5, active: 0 }) },
      defaults: false,
    });
    metrics.webhookReceived("pull_request");
    metrics.webhookReceived("pull_request");
    metrics.jobDone("review", "reviewed");
    metrics.jobDone("review", "failed");
    metrics.jobDone("command", "done");
    metrics.jobDone("scan", "failed");
    metrics.reviewed({ timingsMs: { model: 2500, validate: 300 }, proposed: 4, validated: 3, posted: 2 });
    const base = await serve(createHealthHandler({ registry: metrics.registry }));
    const response = await fetch(`${base}/metrics`);
    const text = await response.text();
    expect(response.headers.get("content-type")).toContain("text/plain");
    for (const line of [
      'patchsmith_webhooks_received_total{event="pull_request"} 2',
      'patchsmith_jobs_queued{kind="review"} 3',
      'patchsmith_jobs_running{kind="review"} 1',
      'patchsmith_jobs_queued{kind="command"} 0',
      'patchsmith_jobs_running{kind="command"} 2',
      'patchsmith_jobs_queued{kind="scan"} 5',
      'patchsmith_jobs_done_total{kind="review",outcome="failed"} 1',
      'patchsmith_jobs_done_total{kind="command",outcome="done"} 1',
      'patchsmith_jobs_failed_total{kind="review"} 1',
      'patchsmith_jobs_failed_total{kind="scan"} 1',
      'patchsmith_review_duration_seconds_sum{stage="model"} 2.5',
      'patchsmith_suggestions_total{state="proposed"} 4',
      'patchsmith_suggestions_total{state="validated"} 3',
      'patchsmith_suggestions_total{state="posted"} 2',
    ]) {
      expect(text.split("\n")).toContain(line);
    }
    const health = await fetch(`${base}/healthz`);
    expect(await health.json()).toEqual({ status: "ok", process: "ok", redis: "not configured" });
  });
});
