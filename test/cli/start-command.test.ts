import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runStartCommand } from "../../src/cli/start-command.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function io(env: Record<string, string | undefined>, cwd = "/") {
  const out = { stdout: "", stderr: "" };
  return { out, io: { env, cwd, stdout: { write: (text: string) => (out.stdout += text) }, stderr: { write: (text: string) => (out.stderr += text) } } };
}

describe("patchsmith start", () => {
  it("starts the single process (role both) without Redis, and with it", async () => {
    const started: string[] = [];
    const start = (env: Readonly<Record<string, string | undefined>>) => {
      started.push(`${env.PATCHSMITH_ROLE ?? "?"} ${env.REDIS_URL ?? "-"}`);
      return Promise.resolve();
    };
    expect(await runStartCommand([], io({ APP_ID: "1" }).io, start)).toBe(0);
    expect(await runStartCommand([], io({ REDIS_URL: "redis://127.0.0.1:6379" }).io, start)).toBe(0);
    expect(started).toEqual(["both -", "both redis://127.0.0.1:6379"]);
  });

  it("reads .env in the working folder as Probot does (its values win), so `npm start` finds the App's settings", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "patchsmith-start-"));
    dirs.push(dir);
    writeFileSync(path.join(dir, ".env"), "APP_ID=42\nWEBHOOK_SECRET=from-dot-env\n# a comment\n");
    const seen: Readonly<Record<string, string | undefined>>[] = [];
    const start = (env: Readonly<Record<string, string | undefined>>) => {
      seen.push(env);
      return Promise.resolve();
    };
    expect(await runStartCommand([], io({ APP_ID: "1", PORT: "4000" }, dir).io, start)).toBe(0);
    expect(seen[0]).toMatchObject({ APP_ID: "42", WEBHOOK_SECRET: "from-dot-env", PORT: "4000", PATCHSMITH_ROLE: "both" });
    expect(readFileSync(path.join(dir, ".env"), "utf8")).toContain("APP_ID=42");
  });

  it("prints its help without starting, and a port in use names the webhook path too", async () => {
    const help = io({});
    expect(await runStartCommand(["--help"], help.io, () => Promise.reject(new Error("not started")))).toBe(0);
    expect(help.out.stdout).toContain("Usage: patchsmith start");
    const busy = io({ PORT: "3999" });
    const exits: number[] = [];
    const inUse = Object.assign(new Error("listen EADDRINUSE"), { code: "EADDRINUSE", port: 3999 });
    expect(await runStartCommand([], busy.io, () => Promise.reject(inUse), (code) => exits.push(code))).toBe(1);
    expect(busy.out.stderr).toBe("patchsmith start: port 3999 is already in use, so /healthz and /metrics and the webhook path cannot be served: stop what listens there, or set PORT to a free port. Exiting.\n");
    expect(exits).toEqual([1]);
  });
});
