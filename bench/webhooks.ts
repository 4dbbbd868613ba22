/**
 * Benchmark (not a test): how fast the app answers GitHub's webhooks.
 *
 *   npx tsx bench/webhooks.ts [--connections 200] [--amount 20000] [--log-level warn]
 *   npx tsx bench/webhooks.ts --url http://127.0.0.1:3000/api/github/webhooks --secret "$WEBHOOK_SECRET"
 *   npx tsx bench/webhooks.ts --redis redis://127.0.0.1:6390          # the same, each job stored in Redis (BullMQ) before the answer
 *   npx tsx bench/webhooks.ts --throughput --redis redis://127.0.0.1:6390 [--jobs 2000] [--workers 4] [--job-ms 0]
 *   npx tsx bench/webhooks.ts --kill [--amount 2000] [--connections 50]   # SIGKILL mid-burst: acknowledged deliveries lost
 *
 * --kill starts the single process (in-process queue, the job journal in a
 * temporary folder), sends `amount` deliveries for different PRs, SIGKILLs it
 * at a random moment, starts it again on the same journal, and reports how
 * many deliveries answered 2xx are not among the jobs it recovers (target 0),
 * next to p50/p99 answer time.
 *
 * --throughput measures jobs per minute through the queue, not the webhook path:
 * a scripted generator adds `jobs` review jobs (for jobs/4 PRs, four pushes
 * each, so coalescing and dedupe work as in production) while `workers` BullMQ
 * workers (or, without --redis, the in-process queue) run a job that takes
 * `job-ms`, and it reports jobs added, run, and run per minute.
 *
 * The second form loads an app that is already running (e.g. `npm start`);
 * its jobs then really run, so point it only at an app whose GitHub is fake.
 *
 * Starts the real app (Probot's Server, the app's createApp, the in-process
 * queue) in a child process on 127.0.0.1, then sends signed `pull_request`
 * deliveries (real payload from @octokit/webhooks-examples, a fresh
 * X-GitHub-Delivery each, 500 different PRs) from `connections` concurrent
 * connections with autocannon, and prints p50/p99 time to answer. Every
 * delivery goes through signature verification, the decision and the enqueue;
 * the jobs themselves are counted, not run (they would call GitHub), so what
 * is measured is the webhook path GitHub waits on. Everything stays on loopback.
 */
import { spawn } from "node:child_process";
import { createHmac, generateKeyPairSync } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { once } from "node:events";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { Probot, Server } from "probot";
import { createApp } from "../src/app.js";
import { readAppSettings } from "../src/config/app-settings.js";
import { createBullQueue } from "../src/jobs/create-bull-queue.js";
import { createInProcessQueue } from "../src/jobs/create-in-process-queue.js";
import { producerOnly } from "../src/jobs/producer-only.js";
import type { AnyQueue, Queue } from "../src/jobs/queue.js";
import { reviewJobId, reviewJobKey, type ReviewJob } from "../src/github/review-job.js";
import type { ReviewChange } from "../src/pipeline/review-types.js";
import { openJobJournal } from "../src/jobs/open-job-journal.js";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";

const SECRET = "bench-secret";
const noop = (): void => {
  // The benchmark measures the webhook path, not the app's own log lines.
};
const silent = { debug: noop, info: noop, warn: noop, error: noop };
const PAYLOAD_URL = new URL("../test/fixtures/payloads/pull_request.opened.json", import.meta.url);

const { values } = parseArgs({
  options: {
    serve: { type: "boolean", default: false },
    connections: { type: "string", default: "200" },
    amount: { type: "string", default: "20000" },
    "log-level": { type: "string", default: "warn" },
    url: { type: "string" },
    secret: { type: "string", default: SECRET },
    port: { type: "string", default: "0" },
    redis: { type: "string" },
    throughput: { type: "boolean", default: false },
    jobs: { type: "string", default: "2000" },
    workers: { type: "string", default: "4" },
    "job-ms": { type: "string", default: "0" },
    kill: { type: "boolean", default: false },
    journal: { type: "string" },
    recover: { type: "boolean", default: false },
  },
});

if (values.kill && values.journal === undefined) await killMidBurst(Number(values.amount === "20000" ? "2000" : values.amount), Number(values.connections === "200" ? "50" : values.connections));
else if (values.recover && values.journal !== undefined) await reportJournal(values.journal);
else if (values.throughput) await throughput({ redisUrl: values.redis, jobs: Number(values.jobs), workers: Number(values.workers), jobMs: Number(values["job-ms"]) });
else if (values.serve) await serve(values["log-level"], Number(values.port), values.redis);
else await run();

/** The child: the app as `patchsmith start` would start it, with a queue that counts jobs instead of running them. */
async function serve(logLevel: string, port: number, redisUrl: string | undefined): Promise<void> {
  const privateKey = generateKeyPairSync("rsa", { modulusLength: 2048, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey;
  let processed = 0;
  let queue: AnyQueue<ReviewJob>;
  // --journal: the single process as index.ts builds it, each job in the journal before the answer.
  const journal = values.journal === undefined ? undefined : await openJobJournal<ReviewJob>({ file: values.journal });
  // With Redis: `patchsmith serve`'s queue, each job written to Redis before the answer; counted at the end.
  const bull = redisUrl === undefined ? undefined : createBullQueue<ReviewJob>({ redisUrl, name: `bench-webhooks-${String(process.pid)}`, log: silent });
  if (bull !== undefined) {
    queue = producerOnly(bull);
  } else {
    const inner = createInProcessQueue<ReviewJob>({ log: silent });
    const counted: Queue<ReviewJob> = {
      ...inner,
      process: () => {
        inner.process(() => {
          processed++;
          return Promise.resolve();
        });
      },
    };
    queue = counted;
  }
  const notUsed: ReviewChange = () => Promise.reject(new Error("the benchmark runs no reviews"));
  // One JSON logger for Probot and its HTTP request log, as in production (LOG_FORMAT=json);
  // at "info" every delivery writes a line, at "warn" (the default here) none does.
  const logSource = new Probot({ appId: 1, privateKey, logLevel: logLevel as "warn", logFormat: "json" });
  await logSource.ready();
  const log = logSource.log;
  const server = new Server({ host: "127.0.0.1", port, log, Probot: Probot.defaults({ appId: 1, privateKey, secret: SECRET, log }) });
  await server.load(createApp({ reviewChange: notUsed, queue: journal === undefined ? queue : producerOnly(queue), ...(journal === undefined ? {} : { journal }), settings: readAppSettings({}), now: Date.now, sleep: () => Promise.resolve(), log: silent }));
  const http = await server.start();
  // Server-side time to answer: from the request reaching the app to the response's last byte.
  const answered: number[] = [];
  http.prependListener("request", (_req: IncomingMessage, res: ServerResponse) => {
    const start = process.hrtime.bigint();
    res.once("finish", () => answered.push(Number(process.hrtime.bigint() - start) / 1e6));
  });
  const cpuAtReady = process.cpuUsage();
  process.stdout.write(`BENCH ${JSON.stringify({ ready: true })}\n`);
  process.once("SIGTERM", () => void stop());
  async function stop(): Promise<void> {
    if (bull !== undefined) {
      processed = (await bull.counts()).waiting;
      await bull.close();
    }
    const sorted = answered.sort((a, b) => a - b);
    const at = (q: number): number => Math.round((sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0) * 100) / 100;
    const cpu = process.cpuUsage(cpuAtReady);
    const serverCpuMs = Math.round((cpu.user + cpu.system) / 1000);
    process.stdout.write(`BENCH ${JSON.stringify({ processed, serverCpuMs, serverMs: { p50: at(0.5), p99: at(0.99), max: at(1) } })}\n`);
    process.exit(0);
  }
}

/** The parent: start the child, load it with autocannon, report. */
async function run(): Promise<void> {
  const connections = Number(values.connections);
  const amount = Number(values.amount);
  const port = await freePort();
  const child =
    values.url === undefined
      ? spawn(process.execPath, [...process.execArgv, new URL(import.meta.url).pathname, "--serve", "--port", String(port), "--log-level", values["log-level"], ...(values.redis === undefined ? [] : ["--redis", values.redis])], {
          stdio: ["ignore", "pipe", "ignore"],
        })
      : undefined;
  const lines: string[] = [];
  let buffered = "";
  child?.stdout.setEncoding("utf8");
  child?.stdout.on("data", (chunk: string) => {
    buffered += chunk;
    const parts = buffered.split("\n");
    buffered = parts.pop() ?? "";
    lines.push(...parts.filter((line) => line.startsWith("BENCH ")).map((line) => line.slice("BENCH ".length)));
  });
  while (child !== undefined && lines.length === 0) await once(child.stdout, "data");
  const url = values.url ?? `http://127.0.0.1:${port}/api/github/webhooks`;
  const secret = values.secret;

  // 500 different PRs, each body signed once up front (the signature covers the body, not the delivery id).
  const base = JSON.parse(readFileSync(PAYLOAD_URL, "utf8")) as { number: number; pull_request: { number: number; head: { sha: string } } };
  const bodies = Array.from({ length: 500 }, (_, i) => {
    base.number = 1000 + i;
    base.pull_request.number = 1000 + i;
    base.pull_request.head.sha = i.toString(16).padStart(40, "0");
    const body = JSON.stringify(base);
    return { body, signature: `sha256=${createHmac("sha256", secret).update(body).digest("hex")}` };
  });
  let sent = 0;
  const clientCpuStart = process.cpuUsage();

  const result = await autocannon({
    url,
    connections,
    amount,
    method: "POST",
    requests: [
      {
        setupRequest: (request) => {
          const item = bodies[sent % bodies.length] ?? bodies[0];
          sent++;
          return {
            ...request,
            method: "POST",
            body: item?.body ?? "",
            headers: {
              "content-type": "application/json",
              "x-github-event": "pull_request",
              "x-github-delivery": `bench-${sent}`,
              "x-hub-signature-256": item?.signature ?? "",
              "user-agent": "GitHub-Hookshot/bench",
            },
          };
        },
      },
    ],
  });

  if (child !== undefined) {
    child.kill("SIGTERM");
    await once(child, "exit");
  }
  const server = lines.map((line) => JSON.parse(line) as { processed?: number; serverMs?: unknown; serverCpuMs?: number }).find((l) => l.processed !== undefined);
  const clientCpu = process.cpuUsage(clientCpuStart);
  const report = {
    connections,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    throughputPerSecond: result.requests.average,
    latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
    serverSideMs: server?.serverMs,
    // CPU each side spent during the load (the server's from when it was ready).
    cpuMs: { server: server?.serverCpuMs, loadGenerator: Math.round((clientCpu.user + clientCpu.system) / 1000) },
    serverCpuPerRequestMs: server?.serverCpuMs === undefined ? undefined : Math.round((server.serverCpuMs / result.requests.total) * 1000) / 1000,
    queue: values.redis === undefined ? "in-process" : "redis",
    // In-process: jobs the queue ran (counted); with Redis: jobs left stored in Redis (deliveries of one PR head dedupe to one job).
    jobsEnqueuedAndCounted: server?.processed,
  };
  console.log(JSON.stringify(report, null, 2));
  console.log(`p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms at ${connections} concurrent connections (target: p99 < 100 ms)`);
}

/** A port nothing listens on now (Probot's Server takes 0 to mean its default, 3000). */
async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, "127.0.0.1");
  await once(probe, "listening");
  const address = probe.address();
  probe.close();
  return typeof address === "object" && address !== null ? address.port : 3000;
}

/** Jobs per minute through the queue: a scripted generator adds review jobs while workers run them. */
async function throughput(params: { readonly redisUrl: string | undefined; readonly jobs: number; readonly workers: number; readonly jobMs: number }): Promise<void> {
  const name = `bench-throughput-${String(process.pid)}`;
  const make = (): AnyQueue<ReviewJob> =>
    params.redisUrl === undefined ? createInProcessQueue<ReviewJob>({ concurrency: params.workers, log: silent }) : createBullQueue<ReviewJob>({ redisUrl: params.redisUrl, name, log: silent });
  const producer = make();
  // In-process, one queue runs `workers` jobs at once; on Redis, `workers` BullMQ workers of concurrency 1.
  const workers = params.redisUrl === undefined ? [producer] : [producer, ...Array.from({ length: params.workers - 1 }, make)];
  let ran = 0;
  for (const worker of workers) {
    worker.process(async () => {
      if (params.jobMs > 0) await new Promise((resolve) => setTimeout(resolve, params.jobMs));
      ran++;
    });
  }
  const prs = Math.max(1, Math.floor(params.jobs / 4));
  const outcomes: Record<string, number> = {};
  const start = performance.now();
  for (let push = 0; push < 4; push++) {
    await Promise.all(
      Array.from({ length: prs }, async (_, pr) => {
        const job: ReviewJob = { kind: "review", deliveryId: `d-${String(pr)}-${String(push)}`, installationId: 1, owner: "bench", repo: "repo", pullNumber: pr + 1, headSha: String(push).padStart(40, "0"), trigger: "synchronize" };
        const outcome = await producer.add({ id: reviewJobId(job), key: reviewJobKey(job), data: job, kind: "review" });
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      }),
    );
  }
  const added = performance.now() - start;
  await producer.onIdle();
  const elapsed = performance.now() - start;
  for (const worker of workers) await worker.close();
  const report = {
    queue: params.redisUrl === undefined ? "in-process" : "redis",
    workers: params.workers,
    jobMs: params.jobMs,
    added: prs * 4,
    outcomes,
    ran,
    addMs: Math.round(added),
    totalMs: Math.round(elapsed),
    addsPerSecond: Math.round(((prs * 4) / added) * 1000),
    jobsRunPerMinute: Math.round((ran / elapsed) * 60_000),
  };
  console.log(JSON.stringify(report, null, 2));
}

/** --recover: print the delivery ids of the jobs a restart would run from the journal. */
async function reportJournal(file: string): Promise<void> {
  const { journal, pending } = await openJobJournal<ReviewJob>({ file });
  await journal.close();
  process.stdout.write(`${JSON.stringify(pending.map((entry) => entry.data.deliveryId))}\n`);
}

/** --kill: deliveries to the single process, SIGKILL at a random moment, then what a restart recovers. */
async function killMidBurst(amount: number, connections: number): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "bench-kill-"));
  const file = path.join(dir, "review-journal.jsonl");
  const port = await freePort();
  const script = new URL(import.meta.url).pathname;
  const child = spawn(process.execPath, [...process.execArgv, script, "--serve", "--port", String(port), "--journal", file], { stdio: ["ignore", "pipe", "ignore"] });
  const exited = once(child, "exit");
  child.stdout.setEncoding("utf8");
  await once(child.stdout, "data");
  const url = `http://127.0.0.1:${String(port)}/api/github/webhooks`;
  const base = JSON.parse(readFileSync(PAYLOAD_URL, "utf8")) as { number: number; pull_request: { number: number; head: { sha: string } } };
  const acknowledged: string[] = [];
  const times: number[] = [];
  let failed = 0;
  let next = 0;
  // The kill lands somewhere in the burst's middle 80 %.
  const killAfter = Math.floor(amount * (0.1 + Math.random() * 0.8));
  let killed = false;
  const send = async (): Promise<void> => {
    for (let i = next++; i < amount; i = next++) {
      if (i >= killAfter && !killed) {
        killed = true;
        child.kill("SIGKILL");
      }
      base.number = 1000 + i;
      base.pull_request.number = 1000 + i;
      base.pull_request.head.sha = i.toString(16).padStart(40, "0");
      const body = JSON.stringify(base);
      const id = `kill-${String(i)}`;
      const start = performance.now();
      try {
        const response = await fetch(url, { method: "POST", body, headers: { "content-type": "application/json", "x-github-event": "pull_request", "x-github-delivery": id, "x-hub-signature-256": `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}` } });
        await response.text();
        if (response.ok) {
          acknowledged.push(id);
          times.push(performance.now() - start);
        }
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, send));
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  await exited;
  const recovered = spawn(process.execPath, [...process.execArgv, script, "--recover", "--journal", file], { stdio: ["ignore", "pipe", "inherit"] });
  const recoveredExit = once(recovered, "exit");
  let out = "";
  recovered.stdout.setEncoding("utf8");
  recovered.stdout.on("data", (chunk: string) => (out += chunk));
  await recoveredExit;
  const pending = new Set(JSON.parse(out) as string[]);
  const lost = acknowledged.filter((id) => !pending.has(id));
  times.sort((a, b) => a - b);
  const at = (q: number): number => Math.round((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0) * 100) / 100;
  console.log(JSON.stringify({ deliveries: amount, connections, killedAfterSent: killAfter, answered2xx: acknowledged.length, refusedOrCut: failed, recoveredAfterRestart: pending.size, lost2xx: lost.length, answerMs: { p50: at(0.5), p99: at(0.99) } }, null, 2));
  await rm(dir, { recursive: true, force: true });
}
