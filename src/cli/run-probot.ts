import { run, type ApplicationFunction, type Server } from "probot";
import { markStartedByPatchsmith } from "../server/probot-entry-flag.js";
import { probotEnv } from "./probot-env.js";

/**
 * The one way patchsmith starts Probot's server: with `app`, reading the
 * App's settings from `env` minus REDIS_URL (see probotEnv), so Probot's rate
 * limiter never runs on Redis. REDIS_URL stays the job queue's.
 */
export async function runProbot(app: ApplicationFunction, env: Readonly<Record<string, string | undefined>>): Promise<Server> {
  markStartedByPatchsmith();
  return run(app, { env: probotEnv(env) });
}
