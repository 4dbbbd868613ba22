import type { CliIo } from "./cli-io.js";
import { startAppRole, startProbotApp, type StartApp } from "./start-app-role.js";

/** `patchsmith worker`: runs jobs from Redis (one per GPU). */
export function runWorkerCommand(args: readonly string[], io: CliIo, start: StartApp = startProbotApp, exit?: (code: number) => void): Promise<number> {
  return startAppRole("worker", args, io, start, exit);
}
