import type { CliIo } from "./cli-io.js";
import { startAppRole, startProbotApp, type StartApp } from "./start-app-role.js";

/** `patchsmith serve`: webhooks only, jobs go to Redis (many instances behind a load balancer). */
export function runServeCommand(args: readonly string[], io: CliIo, start: StartApp = startProbotApp, exit?: (code: number) => void): Promise<number> {
  return startAppRole("serve", args, io, start, exit);
}
