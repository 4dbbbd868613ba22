import { describe, expect, it } from "vitest";
import { probotEnv } from "../../src/cli/probot-env.js";

describe("probotEnv", () => {
  it("keeps REDIS_URL from Probot, so its rate limiter never runs on Redis (bottleneck breaks on Redis 7's `ERR SETTINGS_KEY_NOT_FOUND`)", () => {
    const env = { APP_ID: "1", REDIS_URL: "redis://127.0.0.1:6379", WEBHOOK_SECRET: "s" };
    expect(probotEnv(env)).toEqual({ APP_ID: "1", WEBHOOK_SECRET: "s" });
    expect(env.REDIS_URL).toBe("redis://127.0.0.1:6379");
  });
});
