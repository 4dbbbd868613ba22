import { describe, expect, it } from "vitest";
import { InvalidSettingsError } from "../src/config/invalid-settings-error.js";
import { readSettings } from "../src/read-settings.js";

describe("readSettings", () => {
  it("reads every group of the App's settings from one environment object", () => {
    const settings = readSettings({ APP_SLUG: " ps ", WEBHOOK_PATH: "/hooks", PATCHSMITH_CONCURRENCY: "2", REDIS_URL: "redis://r:6379", PATCHSMITH_SCAN_TICK_MINUTES: "0", PATCHSMITH_MAX_PAYLOAD_BYTES: "100000" });
    expect(settings.github).toEqual({ appSlug: "ps", webhookPath: "/hooks" });
    expect(settings.app.concurrency).toBe(2);
    expect(settings.queue.redisUrl).toBe("redis://r:6379");
    expect(settings.scan.tickMinutes).toBe(0);
    expect(settings.security.maxPayloadBytes).toBe(100_000);
  });

  it("gives blank values the default", () => {
    expect(readSettings({ APP_SLUG: " ", WEBHOOK_PATH: "" }).github).toEqual({ webhookPath: "/api/github/webhooks" });
    expect(readSettings({ PATCHSMITH_CONCURRENCY: "  " }).app.concurrency).toBe(1);
  });

  it("stops at a value that cannot be used, naming the variable, what it got and what it accepts", () => {
    expect(() => readSettings({ PATCHSMITH_SCAN_MAX_FILES: "lots" })).toThrow(InvalidSettingsError);
    expect(() => readSettings({ PATCHSMITH_SCAN_MAX_FILES: "lots" })).toThrow('PATCHSMITH_SCAN_MAX_FILES: expected a whole number from 1 to 1000000, got "lots"');
  });

  it("never repeats a secret's value in the message", () => {
    const message = (() => {
      try {
        readSettings({ REDIS_URL: "http://user:hunter2@redis:6379" });
      } catch (error) {
        return (error as Error).message;
      }
      return "";
    })();
    expect(message).toContain("REDIS_URL: expected a redis:// or rediss:// URL");
    expect(message).not.toContain("hunter2");
  });
});

describe("a true-or-false setting", () => {
  it("is true only for true and refuses any other word, even one every object has", () => {
    expect(readSettings({ PATCHSMITH_TESTS_RUN: "TRUE" }).app.tests.run).toBe(true);
    expect(() => readSettings({ PATCHSMITH_TESTS_RUN: "constructor" })).toThrow('PATCHSMITH_TESTS_RUN: expected true or false, got "constructor"');
  });
});
