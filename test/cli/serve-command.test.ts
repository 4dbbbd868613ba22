import { generateKeyPairSync } from "node:crypto";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { run } from "probot";
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
    expect(await runCli(["worker"], noRedis.io, { createModel: () => Promise.reject(new Error("unused")), modelPull: () => Promise.resolve(0), modelInfo: () => Promise.resolve(0), version: "0.0.0" })).toBe(2);
    expect(noRedis.out.stderr).toContain("`patchsmith worker` needs REDIS_URL");
    const help = io({});
    expect(await runServeCommand(["--help"], help.io, () => Promise.reject(new Error("not started")))).toBe(0);
    expect(help.out.stdout).toContain("Usage: patchsmith serve");
  });

  it("a port already in use: one line naming the port and PORT, and the process exits 1 (it used to keep running without /healthz)", async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const port = (busy.address() as AddressInfo).port;
    const privateKey = generateKeyPairSync("rsa", { modulusLength: 1024, privateKeyEncoding: { type: "pkcs1", format: "pem" }, publicKeyEncoding: { type: "spki", format: "pem" } }).privateKey;
    // Probot's real server, with an app that does nothing: the error is the one Probot gives.
    const start = async (env: Readonly<Record<string, string | undefined>>) => {
      await run(() => undefined, { env: { ...env, LOG_LEVEL: "fatal" } });
    };
    const exits: number[] = [];
    const worker = io({ REDIS_URL: "redis://127.0.0.1:1", APP_ID: "1", PRIVATE_KEY: privateKey, WEBHOOK_SECRET: "a-long-test-secret-1234", HOST: "127.0.0.1", PORT: String(port) });
    try {
      expect(await runWorkerCommand([], worker.io, start, (code) => exits.push(code))).toBe(1);
    } finally {
      busy.close();
    }
    expect(exits).toEqual([1]);
    expect(worker.out.stderr).toBe(`patchsmith worker: port ${String(port)} is already in use, so /healthz and /metrics cannot be served: stop what listens there, or set PORT to a free port. Exiting.\n`);
  });

  it("a setting refused at start-up is printed as it is; anything else is flagged as a bug, and both exit 1", async () => {
    const refused = Object.assign(new Error("PRIVATE_KEY_PATH (app.yml) is not a PEM private key."), { name: "InvalidPrivateKeyError" });
    const exits: number[] = [];
    const serve = io({ REDIS_URL: "redis://127.0.0.1:1" });
    expect(await runServeCommand([], serve.io, () => Promise.reject(refused), (code) => exits.push(code))).toBe(1);
    expect(serve.out.stderr).toBe("patchsmith serve: PRIVATE_KEY_PATH (app.yml) is not a PEM private key.\n");
    const other = io({ REDIS_URL: "redis://127.0.0.1:1" });
    expect(await runServeCommand([], other.io, () => Promise.reject(new Error("boom")), (code) => exits.push(code))).toBe(1);
    expect(other.out.stderr).toMatch(/^patchsmith serve: could not start \(please report it\): Error: boom\n/);
    expect(exits).toEqual([1, 1]);
  });
});
