import { describe, expect, it } from "vitest";
import { describeStanding } from "../../src/github/describe-standing.js";
import { standingConclusion } from "../../src/github/standing-conclusion.js";

describe("standingConclusion and describeStanding", () => {
  it("fails on a standing finding at or above failOn, whichever run found it", () => {
    const standing = [{ path: "src/a.ts", error: 1, warning: 0, info: 0 }];
    expect(standingConclusion(standing, { failOn: "error", severity: "warning" })).toBe("failure");
    expect(standingConclusion(standing, { failOn: "never", severity: "warning" })).toBe("neutral");
    expect(standingConclusion([], { failOn: "error", severity: "warning" })).toBe("success");
    expect(standingConclusion([{ path: "a.ts", error: 0, warning: 0, info: 3 }], { failOn: "warning", severity: "warning" })).toBe("success");
  });

  it("says what stands in words", () => {
    expect(describeStanding([])).toBe("none");
    expect(describeStanding([{ path: "src/a.ts", error: 2, warning: 1, info: 0 }, { path: "src/b.ts", error: 1, warning: 0, info: 0 }])).toBe("3 errors, 1 warning in `src/a.ts`, `src/b.ts`");
  });
});
