/** Where the model code reports progress and trouble (Probot's logger, the CLI's stderr, a test array). */
export interface LlmLog {
  info(message: string): void;
  warn(message: string): void;
}

/** A log that drops everything. */
export const silentLog: LlmLog = { info: () => undefined, warn: () => undefined };
