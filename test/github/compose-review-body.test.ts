import { describe, expect, it } from "vitest";
import { composeReviewBody } from "../../src/github/compose-review-body.js";
import { parseReviewMarker } from "../../src/review/markers.js";

describe("composeReviewBody", () => {
  it("ends with the marker of the reviewed head and adds what this run could not place inline", () => {
    const body = composeReviewBody({ standing: [],
      summary: "### patchsmith review\n\n2 findings.\n",
      headSha: "a".repeat(40),
      notInline: [{ comment: { path: "src/a.ts", line: 9, startLine: 7, side: "RIGHT", body: "Use `const`.", fingerprint: "0".repeat(16) }, reason: "not inside one hunk" }],
      duplicates: 2,
      capped: { listed: 3000, changed: 3100 },
    });
    expect(parseReviewMarker(body)).toEqual({ sha: "a".repeat(40) });
    expect(body).toMatchSnapshot();
  });
});

describe("composeReviewBody limits", () => {
  it("cuts an over-long summary to GitHub's 65,536 characters and keeps the marker", () => {
    const body = composeReviewBody({ standing: [], summary: "x".repeat(70_000), headSha: "b".repeat(40), notInline: [], duplicates: 0 });
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain("… (cut to fit GitHub's limit; the check run has the totals)");
    expect(parseReviewMarker(body)).toEqual({ sha: "b".repeat(40) });
  });
});
