import { parseArgs } from "node:util";
import { type CliIo, EXIT, UsageError } from "./cli-io.js";
import type { ProcessRole } from "../jobs/read-queue-settings.js";
import { describeStartFailure } from "./describe-start-failure.js";
import { probotEnv } from "./probot-env.js";

/** Starts the Probot server with the app; the environment says the role (PATCHSMITH_ROLE). */
export type StartApp = (env: Readonly<Record<string, string | undefined>>) => Promise<void>;

const HELP: Record<Exclude<ProcessRole, "both">, string> = {
  serve: `Usage: patchsmith serve

Answer GitHub's webhooks and store each job in Redis; run no job and load no model.
Run as many as you like behind a load balancer. Needs REDIS_URL and the App's
settings (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET; see .env.example). GET /healthz and
GET /metrics answer beside the webhook path.
`,
  worker: `Usage: patchsmith worker

Run jobs from Redis: one worker per GPU (PATCHSMITH_CONCURRENCY = the model's
parallel sequences), or many against an OpenAI-compatible server (PATCHSMITH_LLM_URL).
Mints a fresh installation token per job. Needs REDIS_URL and the App's settings.
GET /healthz and GET /metrics answer on PORT (default 3000), as for serve.
SIGTERM lets the running job finish for PATCHSMITH_SHUTDOWN_GRACE_MS, then requeues it;
the process exits at most 2 s after the grace period, even with a request still hanging.
`,
};

/**
 * `patchsmith serve` / `patchsmith worker`: check the environment, then start
 * the app in that role. When it cannot start (the port in use, a refused
 * setting), one line says why and the process exits 1: what had started
 * (queues, Redis connections, the model) must not keep it running without /healthz.
 */
export async function startAppRole(
  role: Exclude<ProcessRole, "both">,
  args: readonly string[],
  io: CliIo,
  start: StartApp,
  exit: (code: number) => void = (code) => process.exit(code),
): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: { help: { type: "boolean", short: "h" } }, strict: true });
  if (values.help === true) {
    io.stdout.write(HELP[role]);
    return EXIT.ok;
  }
  if (io.env.REDIS_URL === undefined || io.env.REDIS_URL.trim() === "") {
    throw new UsageError(`\`patchsmith ${role}\` needs REDIS_URL (e.g. redis://127.0.0.1:6379): webhook servers and workers share jobs through Redis. Without Redis, run the single process (\`npm start\`).`);
  }
  try {
    await start({ ...io.env, PATCHSMITH_ROLE: role });
  } catch (error) {
    io.stderr.write(`${describeStartFailure(error, { role, env: io.env })}\n`);
    exit(1);
    return 1;
  }
  return EXIT.ok;
}

/** The real start: Probot's server with patchsmith's app, reading the App's settings from `env`. */
export const startProbotApp: StartApp = async (env) => {
  // index.ts reads process.env itself; the role must be visible there.
  Object.assign(process.env, { PATCHSMITH_ROLE: env.PATCHSMITH_ROLE });
  const [{ run }, { default: patchsmith }] = await Promise.all([import("probot"), import("../index.js")]);
  // Probot reads the environment without REDIS_URL (see probotEnv); the queue reads it from process.env.
  await run(patchsmith, { env: probotEnv(env) });
};
