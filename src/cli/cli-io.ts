/** What a CLI command touches, passed in so tests hand in their own. */
export interface CliIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd: string;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
}

/** Exit codes: 0 ok, 1 findings at or above --fail-on, 2 usage or input error. */
export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** Thrown for a bad command line or input; the message says what to do. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}
