import { describe, expect, it } from "vitest";
import { carryStandingFindings } from "../../src/review/carry-standing-findings.js";
import type { StandingFile } from "../../src/review/markers.js";

const recorded: StandingFile[] = [
  { path: "src/a.ts", error: 1, warning: 0, info: 0 },
  { path: "src/b.ts", error: 0, warning: 2, info: 0 },
];
const inPullRequest = new Set(["src/a.ts", "src/b.ts", "NOTES.md"]);

describe("carryStandingFindings", () => {
  it("keeps what was recorded for files this run did not analyse (a push that only adds NOTES.md)", () => {
    expect(carryStandingFindings({ previous: recorded, findings: [], analysed: new Set(["NOTES.md"]), inPullRequest })).toEqual(recorded);
  });

  it("replaces a re-analysed file's record by this run's findings: fixed errors go, new ones count", () => {
    expect(carryStandingFindings({ previous: recorded, findings: [], analysed: new Set(["src/a.ts"]), inPullRequest })).toEqual([recorded[1]]);
    expect(carryStandingFindings({ previous: recorded, findings: [{ path: "src/b.ts", severity: "error" }], analysed: new Set(["src/b.ts"]), inPullRequest })).toEqual([
      recorded[0],
      { path: "src/b.ts", error: 1, warning: 0, info: 0 },
    ]);
  });

  it("drops files no longer in the pull request (reverted, renamed away, deleted)", () => {
    expect(carryStandingFindings({ previous: recorded, findings: [], analysed: new Set(), inPullRequest: new Set(["src/b.ts"]) })).toEqual([recorded[1]]);
  });

  it("keeps the record of a file in scope that could not be analysed, taking the higher count with what was found in it now", () => {
    expect(carryStandingFindings({ previous: recorded, findings: [{ path: "src/a.ts", severity: "warning" }], analysed: new Set(), inPullRequest })).toEqual([
      { path: "src/a.ts", error: 1, warning: 1, info: 0 },
      recorded[1],
    ]);
  });

  it("is this run's findings alone on a first review", () => {
    expect(carryStandingFindings({ previous: undefined, findings: [{ path: "src/a.ts", severity: "info" }, { path: "src/a.ts", severity: "info" }], analysed: new Set(["src/a.ts"]), inPullRequest })).toEqual([
      { path: "src/a.ts", error: 0, warning: 0, info: 2 },
    ]);
  });
});
