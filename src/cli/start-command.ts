import type { CliIo } from "./cli-io.js";
import { startAppRole, startProbotApp, type StartApp } from "./start-app-role.js";

/** `patchsmith start`: the GitHub App in one process, webhooks and jobs (`npm start`, the Docker image's command). */
export function runStartCommand(args: readonly string[], io: CliIo, start: StartApp = startProbotApp, exit?: (code: number) => void): Promise<number> {
  return startAppRole("both", args, io, start, exit);
}
