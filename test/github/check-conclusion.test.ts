import { describe, expect, it } from "vitest";
import { checkConclusion } from "../../src/github/check-conclusion.js";

describe("checkConclusion", () => {
  it("is success without findings at or above the severity threshold, neutral with them", () => {
    expect(checkConclusion([], { failOn: "never", severity: "warning" })).toBe("success");
    expect(checkConclusion([{ severity: "info" }], { failOn: "never", severity: "warning" })).toBe("success");
    expect(checkConclusion([{ severity: "error" }], { failOn: "never", severity: "warning" })).toBe("neutral");
  });

  it("fails only when failOn asks for it", () => {
    expect(checkConclusion([{ severity: "warning" }], { failOn: "error", severity: "warning" })).toBe("neutral");
    expect(checkConclusion([{ severity: "error" }], { failOn: "error", severity: "warning" })).toBe("failure");
    expect(checkConclusion([{ severity: "warning" }], { failOn: "warning", severity: "warning" })).toBe("failure");
  });

  it("never fails on a model's unverified finding, whatever failOn says", () => {
    expect(checkConclusion([{ severity: "warning", unverified: true }], { failOn: "error", severity: "warning" })).toBe("neutral");
    expect(checkConclusion([{ severity: "warning", unverified: true }], { failOn: "warning", severity: "warning" })).toBe("neutral");
    expect(checkConclusion([{ severity: "warning", unverified: true }, { severity: "error" }], { failOn: "error", severity: "warning" })).toBe("failure");
  });
});
