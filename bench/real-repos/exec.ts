import { execFile } from "node:child_process";

export interface RunResult {
  /** The exit code; null when the process was killed (timeout) or could not start. */
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  readonly timedOut: boolean;
  /** Set when the program could not be started at all (ENOENT, EACCES, ...). */
  readonly spawnError?: string;
}

export interface RunOptions {
  readonly cwd: string;
  readonly timeoutMs?: number;
  readonly env?: NodeJS.ProcessEnv;
}

const MAX_BUFFER = 512 * 1024 * 1024;

/**
 * Runs one program with an argument vector (never a shell string) and resolves
 * whatever its exit code: callers decide what a non-zero code means.
 */
export function run(file: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const start = performance.now();
  return new Promise((resolve) => {
    execFile(
      file,
      [...args],
      { cwd: options.cwd, env: options.env ?? process.env, timeout: options.timeoutMs ?? 0, maxBuffer: MAX_BUFFER, encoding: "utf8", killSignal: "SIGKILL" },
      (error, stdout, stderr) => {
        const ms = performance.now() - start;
        if (error === null) {
          resolve({ code: 0, stdout, stderr, ms, timedOut: false });
          return;
        }
        const code: unknown = Reflect.get(error, "code");
        const killed = Reflect.get(error, "killed") === true;
        if (typeof code === "number") {
          resolve({ code, stdout, stderr, ms, timedOut: false });
        } else if (typeof code === "string") {
          // ENOENT, EACCES, ERR_CHILD_PROCESS_STDIO_MAXBUFFER: the program did not run to its end normally.
          resolve({ code: null, stdout, stderr, ms, timedOut: false, spawnError: error.message });
        } else {
          resolve({ code: null, stdout, stderr, ms, timedOut: killed && options.timeoutMs !== undefined && options.timeoutMs > 0 });
        }
      },
    );
  });
}

/** Like run, but throws with the command and its stderr when it does not exit 0. */
export async function runOk(file: string, args: readonly string[], options: RunOptions): Promise<RunResult> {
  const result = await run(file, args, options);
  if (result.code !== 0) throw new Error(`${describeCommand(file, args)} failed (${describeExit(result)}): ${tail(result.stderr || result.stdout)}`);
  return result;
}

export function describeCommand(file: string, args: readonly string[]): string {
  return [file, ...args].join(" ");
}

export function describeExit(result: RunResult): string {
  if (result.spawnError !== undefined) return `could not start: ${result.spawnError}`;
  if (result.timedOut) return `timed out after ${Math.round(result.ms / 1000)} s`;
  return result.code === null ? "killed" : `exit ${result.code}`;
}

/** The last lines of a command's output, for an error message. */
export function tail(text: string, lines = 15): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}
