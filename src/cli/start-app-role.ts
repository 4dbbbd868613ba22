import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { type CliIo, EXIT, UsageError } from "./cli-io.js";
import type { ProcessRole } from "../jobs/read-queue-settings.js";
import { describeStartFailure } from "./describe-start-failure.js";
import { runProbot } from "./run-probot.js";
import { withDotEnv } from "./with-dot-env.js";

/** Starts the Probot server with the app; the environment says the role (PATCHSMITH_ROLE). */
export type StartApp = (env: Readonly<Record<string, string | undefined>>) => Promise<void>;

/** The command that starts each role. */
const COMMAND: Record<ProcessRole, string> = { both: "start", serve: "serve", worker: "worker" };

const HELP: Record<ProcessRole, string> = {
  both: `Usage: patchsmith start

Run the GitHub App in one process: answer GitHub's webhooks and run the reviews,
slash commands and scans (\`npm start\` and the Docker image run this). Reads the
App's settings from the environment and .env (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET;
see .env.example); without APP_ID it starts Probot's setup page to register the App.
Accepted reviews are kept in a job journal in PATCHSMITH_DATA_DIR (keep it on a
volume) or, with REDIS_URL, in Redis. GET /healthz and GET /metrics answer on PORT.
`,
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
 * `patchsmith start` / `serve` / `worker`: read `.env` over the environment,
 * check it, then start the app in that role. When it cannot start (the port in use, a refused
 * setting), one line says why and the process exits 1: what had started
 * (queues, Redis connections, the model) must not keep it running without /healthz.
 */
export async function startAppRole(
  role: ProcessRole,
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
  const command = COMMAND[role];
  const env = withDotEnv(io.env, readDotEnv(io.cwd));
  if (role !== "both" && (env.REDIS_URL === undefined || env.REDIS_URL.trim() === "")) {
    throw new UsageError(`\`patchsmith ${command}\` needs REDIS_URL (e.g. redis://127.0.0.1:6379): webhook servers and workers share jobs through Redis. Without Redis, run the single process (\`patchsmith start\`, \`npm start\`).`);
  }
  try {
    await start({ ...env, PATCHSMITH_ROLE: role });
  } catch (error) {
    io.stderr.write(`${describeStartFailure(error, { role: command, env })}\n`);
    exit(1);
    return 1;
  }
  return EXIT.ok;
}

/** The `.env` file in `cwd`, if there is one (Probot reads the same file). */
function readDotEnv(cwd: string): string | undefined {
  try {
    return readFileSync(path.join(cwd, ".env"), "utf8");
  } catch (error) {
    if (Reflect.get(error as object, "code") === "ENOENT") return undefined;
    throw new UsageError(`Could not read ${path.join(cwd, ".env")}: ${(error as Error).message}. Fix its permissions or remove it.`, { cause: error });
  }
}

/** The real start: Probot's server with patchsmith's app, reading the App's settings from `env`. */
export const startProbotApp: StartApp = async (env) => {
  // index.ts reads process.env itself: the role and the .env settings must be visible there.
  for (const [name, value] of Object.entries(env)) if (value !== undefined) process.env[name] = value;
  const { default: patchsmith } = await import("../index.js");
  // Probot reads the environment without REDIS_URL (see runProbot); the queue reads it from process.env.
  await runProbot(patchsmith, env);
};
