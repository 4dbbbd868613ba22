import { describe, expect, it } from "vitest";
import { InvalidSettingsError } from "../../src/config/app-settings.js";
import { readSecuritySettings } from "../../src/security/read-security-settings.js";

describe("readSecuritySettings", () => {
  it("has a default for every limit", () => {
    expect(readSecuritySettings({})).toEqual({ maxPayloadBytes: 5_000_000, reviewsPerRepoPerHour: 60 });
  });

  it("reads the environment object it is given", () => {
    expect(readSecuritySettings({ PATCHSMITH_MAX_PAYLOAD_BYTES: " 1000000 ", PATCHSMITH_REVIEWS_PER_REPO_PER_HOUR: "5" })).toEqual({ maxPayloadBytes: 1_000_000, reviewsPerRepoPerHour: 5 });
  });

  it.each([
    ["PATCHSMITH_MAX_PAYLOAD_BYTES", "100", "65536 to 26214400"],
    ["PATCHSMITH_MAX_PAYLOAD_BYTES", "1e6", "65536 to 26214400"],
    ["PATCHSMITH_REVIEWS_PER_REPO_PER_HOUR", "0", "1 to 100000"],
    ["PATCHSMITH_REVIEWS_PER_REPO_PER_HOUR", "-3", "1 to 100000"],
  ])("names %s=%s and the range it must be in", (name, value, range) => {
    expect(() => readSecuritySettings({ [name]: value })).toThrow(InvalidSettingsError);
    expect(() => readSecuritySettings({ [name]: value })).toThrow(`${name}=${value} is not a whole number from ${range}`);
  });
});
