import { spawn } from "node:child_process";
import { GIT_CONFIG_ARGS, safeGitEnv } from "./git-file-source.js";

/** What the reader needs of a running `git cat-file --batch`: its pipes, and a way to let the process exit alone. */
export interface BatchProcess {
  write(line: string): void;
  onData(listener: (chunk: Buffer) => void): void;
  onExit(listener: (error: Error) => void): void;
  /** Whether the process keeps Node running (only while a read waits). */
  hold(held: boolean): void;
  end(): void;
}

/**
 * Blob reads through one `git cat-file --batch` process kept open between
 * reads (a review reads files in tens of small batches; each spawn of git
 * from a large process costs more than the read), closed after `idleMs`
 * without a read and started again on the next. Object ids come from
 * `ls-tree`, so the input is only hex ids and newlines. A process that dies
 * fails the reads waiting on it; the next read starts a new one.
 */
export function createGitBlobReader(params: { readonly cwd: string; readonly idleMs?: number; readonly start?: () => BatchProcess }): (oid: string) => Promise<Buffer> {
  const start = params.start ?? (() => startCatFile(params.cwd));
  const idleMs = params.idleMs ?? 10_000;
  let running: BatchProcess | undefined;
  let waiting: { oid: string; resolve: (bytes: Buffer) => void; reject: (error: unknown) => void }[] = [];
  let buffered: Buffer = Buffer.alloc(0);
  let idle: NodeJS.Timeout | undefined;

  const fail = (error: Error): void => {
    const failed = waiting;
    waiting = [];
    running = undefined;
    buffered = Buffer.alloc(0);
    for (const request of failed) request.reject(error);
  };
  const drain = (): void => {
    for (;;) {
      const request = waiting[0];
      const newline = buffered.indexOf(10);
      if (request === undefined || newline === -1) return;
      const header = buffered.subarray(0, newline).toString("utf8");
      const match = /^([0-9a-f]+) blob (\d+)$/.exec(header);
      if (!match?.[2]) {
        waiting.shift();
        buffered = buffered.subarray(newline + 1);
        request.reject(new Error(`git cat-file could not read blob ${request.oid}: ${header}`));
        continue;
      }
      const size = Number(match[2]);
      if (buffered.length < newline + 1 + size + 1) return;
      waiting.shift();
      request.resolve(Buffer.from(buffered.subarray(newline + 1, newline + 1 + size)));
      buffered = buffered.subarray(newline + 1 + size + 1);
    }
  };
  const settle = (): void => {
    drain();
    if (waiting.length > 0) return;
    running?.hold(false);
    clearTimeout(idle);
    idle = setTimeout(() => {
      running?.end();
      running = undefined;
    }, idleMs);
    idle.unref();
  };
  return (oid) =>
    new Promise<Buffer>((resolve, reject) => {
      clearTimeout(idle);
      if (!running) {
        const started = start();
        started.onData((chunk) => {
          if (running !== started) return;
          buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
          settle();
        });
        started.onExit((error) => {
          if (running === started) fail(error);
        });
        running = started;
      }
      running.hold(true);
      waiting.push({ oid, resolve, reject });
      running.write(`${oid}\n`);
    });
}

function startCatFile(cwd: string): BatchProcess {
  const child = spawn("git", [...GIT_CONFIG_ARGS, "cat-file", "--batch"], { cwd, env: { ...safeGitEnv(), GIT_TERMINAL_PROMPT: "0" }, stdio: ["pipe", "pipe", "ignore"] });
  const pipes = [child.stdin, child.stdout] as unknown as { ref(): void; unref(): void }[];
  return {
    write(line) {
      child.stdin.write(line);
    },
    onData: (listener) => child.stdout.on("data", listener),
    onExit(listener) {
      child.on("error", listener);
      child.on("exit", (code) => {
        listener(new Error(`git cat-file --batch exited (${code ?? "signal"})`));
      });
      child.stdin.on("error", listener);
    },
    hold(held) {
      for (const pipe of [child, ...pipes]) {
        if (held) pipe.ref();
        else pipe.unref();
      }
    },
    end: () => child.stdin.end(),
  };
}
