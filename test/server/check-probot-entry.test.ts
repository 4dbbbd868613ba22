import { describe, expect, it } from "vitest";
import { checkProbotEntry } from "../../src/server/check-probot-entry.js";

describe("checkProbotEntry", () => {
  it("refuses `probot run` with REDIS_URL or --redis-url (Probot's rate limiter would be on Redis), naming the command to use", () => {
    expect(() => {
      checkProbotEntry({ env: { REDIS_URL: "redis://127.0.0.1:6379" }, argv: ["node", "probot", "run", "./dist/index.js"], startedByPatchsmith: false });
    }).toThrow(/^REDIS_URL is set and patchsmith was started with `probot run`.*`patchsmith start`/);
    expect(() => {
      checkProbotEntry({ env: {}, argv: ["node", "probot", "run", "--redis-url", "redis://x:6379", "./dist/index.js"], startedByPatchsmith: false });
    }).toThrow(/^--redis-url is set/);
  });

  it("lets patchsmith's own entry start with REDIS_URL, and `probot run` without it", () => {
    expect(() => {
      checkProbotEntry({ env: { REDIS_URL: "redis://127.0.0.1:6379" }, argv: ["node", "main.js", "start"], startedByPatchsmith: true });
    }).not.toThrow();
    expect(() => {
      checkProbotEntry({ env: { REDIS_URL: " " }, argv: [], startedByPatchsmith: false });
    }).not.toThrow();
    expect(() => {
      checkProbotEntry({ env: {}, argv: ["node", "probot", "run", "./dist/index.js"], startedByPatchsmith: false });
    }).not.toThrow();
  });
});
