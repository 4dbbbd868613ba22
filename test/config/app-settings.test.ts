import { describe, expect, it } from "vitest";
import { InvalidSettingsError, readAppSettings } from "../../src/config/app-settings.js";

describe("readAppSettings", () => {
  it("has a default for every setting", () => {
    expect(readAppSettings({})).toEqual({
      concurrency: 1,
      writesPerMinute: 80,
      fetchConcurrency: 8,
      reviewTimeoutMs: 1_800_000,
      progressIntervalMs: 10_000,
      deliveryMemory: 10_000,
      tests: { run: false, timeoutMs: 60_000 },
      analysisMemoryMb: 4096,
      githubTimeoutMs: 120_000,
      types: { mode: "on", registry: "https://registry.npmjs.org/", cacheMb: 1024 },
    });
  });

  it("reads where dependency declarations come from, and refuses what cannot be used", () => {
    const types = readAppSettings({ PATCHSMITH_TYPES: "offline", PATCHSMITH_REGISTRY: "http://127.0.0.1:4873/", PATCHSMITH_REGISTRY_TOKEN: "t0k", PATCHSMITH_TYPES_CACHE_DIR: "/var/cache/x", PATCHSMITH_TYPES_CACHE_MB: "64" }).types;
    expect(types).toEqual({ mode: "offline", registry: "http://127.0.0.1:4873/", token: "t0k", cacheDir: "/var/cache/x", cacheMb: 64 });
    expect(() => readAppSettings({ PATCHSMITH_TYPES: "maybe" })).toThrow("PATCHSMITH_TYPES: expected on, off or offline");
    expect(() => readAppSettings({ PATCHSMITH_REGISTRY: "file:///etc" })).toThrow(/PATCHSMITH_REGISTRY/);
  });

  it("reads the GitHub request time limit and refuses one too short to be real", () => {
    expect(readAppSettings({ PATCHSMITH_GITHUB_TIMEOUT_MS: "30000" }).githubTimeoutMs).toBe(30_000);
    expect(() => readAppSettings({ PATCHSMITH_GITHUB_TIMEOUT_MS: "10" })).toThrow(/PATCHSMITH_GITHUB_TIMEOUT_MS/);
  });

  it("runs generated tests only when the operator says PATCHSMITH_TESTS_RUN=true", () => {
    expect(readAppSettings({ PATCHSMITH_TESTS_RUN: "true", PATCHSMITH_TESTS_TIMEOUT_MS: "5000" }).tests).toEqual({ run: true, timeoutMs: 5000 });
    expect(readAppSettings({ PATCHSMITH_TESTS_RUN: "false" }).tests.run).toBe(false);
    expect(() => readAppSettings({ PATCHSMITH_TESTS_RUN: "yes" })).toThrow("PATCHSMITH_TESTS_RUN: expected true or false");
  });

  it("reads PATCHSMITH_* values from the environment object it is given", () => {
    const settings = readAppSettings({ PATCHSMITH_CONCURRENCY: "2", PATCHSMITH_WRITES_PER_MINUTE: " 40 ", UNRELATED: "x" });
    expect(settings.concurrency).toBe(2);
    expect(settings.writesPerMinute).toBe(40);
  });

  it("names the variable and the problem when a value cannot be used", () => {
    expect(() => readAppSettings({ PATCHSMITH_WRITES_PER_MINUTE: "500" })).toThrow(InvalidSettingsError);
    expect(() => readAppSettings({ PATCHSMITH_WRITES_PER_MINUTE: "500" })).toThrow(/PATCHSMITH_WRITES_PER_MINUTE: .*80/);
    expect(() => readAppSettings({ PATCHSMITH_CONCURRENCY: "two" })).toThrow("PATCHSMITH_CONCURRENCY: expected a whole number");
    expect(() => readAppSettings({ PATCHSMITH_ANALYSIS_MEMORY_MB: "64" })).toThrow(/PATCHSMITH_ANALYSIS_MEMORY_MB: .*256/);
    expect(readAppSettings({ PATCHSMITH_ANALYSIS_MEMORY_MB: "8192" }).analysisMemoryMb).toBe(8192);
  });
});
