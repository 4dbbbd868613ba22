import { describe, expect, it } from "vitest";
import { checkProbotEntry } from "../../src/server/check-probot-entry.js";

describe("checkProbotEntry", () => {
  it("refuses `probot run` with REDIS_URL (Probot's rate limiter would be on Redis), naming the command to use", () => {
    expect(() => {
      checkProbotEntry({ env: { REDIS_URL: "redis://127.0.0.1:6379" }, startedByPatchsmith: false });
    }).toThrow(/REDIS_URL is set and patchsmith was started with `probot run`.*`patchsmith start`/);
  });

  it("lets patchsmith's own entry start with REDIS_URL, and `probot run` without it", () => {
    expect(() => {
      checkProbotEntry({ env: { REDIS_URL: "redis://127.0.0.1:6379" }, startedByPatchsmith: true });
    }).not.toThrow();
    expect(() => {
      checkProbotEntry({ env: { REDIS_URL: " " }, startedByPatchsmith: false });
    }).not.toThrow();
    expect(() => {
      checkProbotEntry({ env: {}, startedByPatchsmith: false });
    }).not.toThrow();
  });
});
