import { spawn } from "node:child_process";

export interface ExecResult {
  /** Exit code; null when the process was killed. */
  readonly code: number | null;
  /** The end of stdout and stderr together. */
  readonly output: string;
  readonly timedOut: boolean;
}

export type ExecCommand = (params: {
  readonly command: string;
  readonly args: readonly string[];
  readonly cwd: string;
  /** The whole environment of the child: nothing else is inherited. */
  readonly env: Readonly<Record<string, string>>;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
}) => Promise<ExecResult>;

const MAX_OUTPUT = 64 * 1024;

/**
 * Run a command in its own process group with exactly the environment given
 * and no shell. At the time limit (or on abort) the whole group is killed, so
 * a test that spawns children leaves none behind.
 */
export const execCommand: ExecCommand = (params) =>
  new Promise((resolve, reject) => {
    if (params.signal?.aborted === true) {
      reject(params.signal.reason as Error);
      return;
    }
    const child = spawn(params.command, [...params.args], { cwd: params.cwd, env: params.env, detached: true, stdio: ["ignore", "pipe", "pipe"], shell: false });
    let output = "";
    let timedOut = false;
    const append = (chunk: Buffer): void => {
      output += chunk.toString("utf8");
      if (output.length > MAX_OUTPUT * 2) output = output.slice(-MAX_OUTPUT);
    };
    child.stdout.on("data", append);
    child.stderr.on("data", append);
    const killGroup = (): void => {
      if (child.pid === undefined) return;
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // Already gone.
      }
    };
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup();
    }, params.timeoutMs);
    const onAbort = (): void => {
      killGroup();
    };
    params.signal?.addEventListener("abort", onAbort, { once: true });
    const finish = (): void => {
      clearTimeout(timer);
      params.signal?.removeEventListener("abort", onAbort);
    };
    child.on("error", (error) => {
      finish();
      reject(error);
    });
    child.on("close", (code) => {
      finish();
      if (params.signal?.aborted === true) {
        reject(params.signal.reason as Error);
        return;
      }
      resolve({ code, output: output.slice(-MAX_OUTPUT), timedOut });
    });
  });
