import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { readQueueSettings } from "../../src/jobs/read-queue-settings.js";

/**
 * deploy/compose.yml cannot be run here (no Docker engine), so these read it
 * against the code it starts: the commands exist, the paths resolve, and the
 * settings it depends on agree with the app's defaults.
 */
const COMPOSE = resolve("deploy/compose.yml");

interface Service {
  readonly build?: string;
  readonly image?: string;
  readonly command?: readonly string[];
  readonly env_file?: string;
  readonly environment?: Readonly<Record<string, string>>;
  readonly stop_grace_period?: string;
  readonly depends_on?: Readonly<Record<string, { readonly condition: string }>>;
  readonly volumes?: readonly string[];
}

const compose = parse(readFileSync(COMPOSE, "utf8"), { merge: true }) as { services: Record<string, Service> };
const services = compose.services;
const appServices = Object.entries(services).filter(([name]) => name !== "redis");

function seconds(duration: string | undefined): number {
  const match = /^(\d+)(s|m)$/.exec(duration ?? "");
  if (!match?.[1]) return 10; // Docker's default before SIGKILL
  return Number(match[1]) * (match[2] === "m" ? 60 : 1);
}

describe("deploy/compose.yml", () => {
  it("runs a webhook server and at least one worker, each with a role the CLI has, from the image the Dockerfile builds", () => {
    const roles = appServices.map(([, service]) => service.command?.at(-1));
    expect(roles).toContain("serve");
    expect(roles).toContain("worker");
    const cli = readFileSync("src/cli/run-cli.ts", "utf8");
    for (const [name, service] of appServices) {
      expect(service.command?.slice(0, 2), name).toEqual(["node", "dist/cli/main.js"]);
      expect(cli, name).toContain(`case "${String(service.command?.at(-1))}"`);
      expect(service.build, name).toBeDefined();
      expect(existsSync(resolve(dirname(COMPOSE), String(service.build), "Dockerfile")), name).toBe(true);
      expect(service.image, name).toMatch(/:local$/);
    }
  });

  it("points every app service at the compose Redis, started healthy first, which never evicts jobs", () => {
    for (const [name, service] of appServices) {
      expect(readQueueSettings({ REDIS_URL: service.environment?.REDIS_URL }).redisUrl, name).toBe("redis://redis:6379");
      expect(service.depends_on?.redis?.condition, name).toBe("service_healthy");
    }
    const redis = services.redis;
    expect(redis?.command?.join(" ")).toContain("--maxmemory-policy noeviction");
    expect(redis?.command?.join(" ")).toContain("--appendonly yes");
  });

  it("gives a stopping container more time than the app's shutdown grace period, so a running review is requeued, not killed", () => {
    const graceS = readQueueSettings({}).shutdownGraceMs / 1000;
    for (const [name, service] of appServices) expect(seconds(service.stop_grace_period), name).toBeGreaterThan(graceS);
  });

  it("reads settings from the repository's .env (made from .env.example) and mounts models only read-only", () => {
    expect(existsSync(".env.example")).toBe(true);
    for (const [name, service] of appServices) {
      expect(resolve(dirname(COMPOSE), String(service.env_file)), name).toBe(resolve(".env"));
      for (const volume of service.volumes ?? []) expect(volume, name).toMatch(/:ro$/);
    }
  });
});
