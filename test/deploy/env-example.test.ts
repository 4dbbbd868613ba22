import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readAppSettings } from "../../src/config/app-settings.js";
import { readQueueSettings } from "../../src/jobs/read-queue-settings.js";

/** The settings a copy of .env.example sets (its uncommented lines). */
const settings = Object.fromEntries(
  readFileSync(".env.example", "utf8")
    .split("\n")
    .filter((line) => /^[A-Z_]+=/.test(line))
    .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
);

describe(".env.example", () => {
  it("leaves the first `npm start` in Probot's setup mode: no APP_ID, no NODE_ENV=production, no model file a newcomer lacks", () => {
    expect(settings.APP_ID).toBe("");
    expect(settings.NODE_ENV).toBeUndefined();
    expect(settings.PATCHSMITH_MODEL).toBeUndefined();
    expect(settings.PATCHSMITH_MODEL_DIR).toBeUndefined();
  });

  it("sets only values the app accepts", () => {
    expect(() => readAppSettings(settings)).not.toThrow();
    expect(() => readQueueSettings(settings)).not.toThrow();
  });
});
