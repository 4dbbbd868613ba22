import { describe, expect, it } from "vitest";
import { InvalidSettingsError } from "../../src/config/app-settings.js";
import { readQueueSettings } from "../../src/jobs/read-queue-settings.js";

describe("readQueueSettings", () => {
  it("defaults to one in-process queue: no Redis, 500 waiting at most, a 60 s grace period", () => {
    expect(readQueueSettings({})).toEqual({ maxWaiting: 500, shutdownGraceMs: 60_000, attempts: 3, lockMs: 30_000, role: "both" });
  });

  it("reads REDIS_URL, the bound, the grace period and the role", () => {
    expect(readQueueSettings({ REDIS_URL: "redis://127.0.0.1:6390", PATCHSMITH_QUEUE_MAX_WAITING: "20", PATCHSMITH_SHUTDOWN_GRACE_MS: "5000", PATCHSMITH_ROLE: "worker" })).toEqual({
      redisUrl: "redis://127.0.0.1:6390",
      maxWaiting: 20,
      shutdownGraceMs: 5000,
      attempts: 3,
      lockMs: 30_000,
      role: "worker",
    });
  });

  it("names the variable when a value cannot be used, and refuses serve/worker without Redis", () => {
    expect(() => readQueueSettings({ REDIS_URL: "localhost:6379" })).toThrow("REDIS_URL: expected a redis:// or rediss:// URL");
    expect(() => readQueueSettings({ PATCHSMITH_QUEUE_MAX_WAITING: "0" })).toThrow(InvalidSettingsError);
    expect(() => readQueueSettings({ PATCHSMITH_ROLE: "serve" })).toThrow("PATCHSMITH_ROLE=serve needs REDIS_URL");
  });
});
