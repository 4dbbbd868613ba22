import type { JobLog } from "../log/job-log.js";
import type { CliIo } from "./cli-io.js";

/**
 * The JobLog the shared GitHub code writes to, for a person at a terminal:
 * warnings and errors as one `patchsmith:` line each (the message only, never
 * the attached objects, which may hold request details); debug and info dropped.
 */
export function stderrLog(io: Pick<CliIo, "stderr">): JobLog {
  const line = (_obj: object, msg?: string): void => {
    if (msg !== undefined && msg !== "") io.stderr.write(`patchsmith: ${msg}\n`);
  };
  return { debug: () => undefined, info: () => undefined, warn: line, error: line };
}
