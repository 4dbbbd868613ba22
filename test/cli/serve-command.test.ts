import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/run-cli.js";
import { runServeCommand } from "../../src/cli/serve-command.js";
import { runWorkerCommand } from "../../src/cli/worker-command.js";

function io(env: Record<string, string | undefined>) {
  const out = { stdout: "", stderr: "" };
  return {
    out,
    io: {
      env,
      cwd: "/",
      stdout: { write: (text: string) => (out.stdout += text) },
      stderr: { write: (text: string) => (out.stderr += text) },
    },
  };
}

describe("patchsmith serve / worker", () => {
  it("starts the app in its role with the environment it was given", async () => {
    const started: (string | undefined)[] = [];
    const start = (env: Readonly<Record<string, string | undefined>>) => {
      started.push(`${env.PATCHSMITH_ROLE ?? "?"} ${env.REDIS_URL ?? "?"}`);
      return Promise.resolve();
    };
    expect(await runServeCommand([], io({ REDIS_URL: "redis://127.0.0.1:6379" }).io, start)).toBe(0);
    expect(await runWorkerCommand([], io({ REDIS_URL: "redis://10.0.0.2:6379" }).io, start)).toBe(0);
    expect(started).toEqual(["serve redis://127.0.0.1:6379", "worker redis://10.0.0.2:6379"]);
  });

  it("refuses to start without REDIS_URL, saying what to set (exit 2), and prints help", async () => {
    const noRedis = io({});
    expect(await runCli(["worker"], noRedis.io, { createModel: () => Promise.reject(new Error("unused")), modelPull: () => Promise.resolve(0), modelInfo: () => Promise.resolve(0) })).toBe(2);
    expect(noRedis.out.stderr).toContain("`patchsmith worker` needs REDIS_URL");
    const help = io({});
    expect(await runServeCommand(["--help"], help.io, () => Promise.reject(new Error("not started")))).toBe(0);
    expect(help.out.stdout).toContain("Usage: patchsmith serve");
  });
});
