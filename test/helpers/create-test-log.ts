import type { JobLog } from "../../src/log/job-log.js";

export interface LogEntry {
  readonly level: "debug" | "info" | "warn" | "error";
  readonly obj: object;
  readonly msg: string;
}

/** A logger that keeps what it is told, for assertions (e.g. that a 422 was logged as a bug). */
export function createTestLog(): { readonly log: JobLog; readonly entries: LogEntry[]; messages(level: LogEntry["level"]): string[] } {
  const entries: LogEntry[] = [];
  const at = (level: LogEntry["level"]) => (obj: object, msg?: string) => {
    entries.push({ level, obj, msg: msg ?? "" });
  };
  return {
    log: { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") },
    entries,
    messages: (level) => entries.filter((e) => e.level === level).map((e) => e.msg),
  };
}
