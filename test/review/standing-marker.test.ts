import { describe, expect, it } from "vitest";
import { composeReviewBody } from "../../src/github/compose-review-body.js";
import { parseStandingMarker, renderReviewMarker, renderStandingMarker, type StandingFile } from "../../src/review/markers.js";

const SHA = "0123456789abcdef0123456789abcdef01234567";
const FILES: StandingFile[] = [
  { path: "src/a.ts", error: 2, warning: 0, info: 1 },
  { path: "src/<!-- odd -->/b.ts", error: 0, warning: 1, info: 0 },
];

describe("the standing-findings marker", () => {
  it("round-trips through the body composeReviewBody writes, paths with HTML in them included", () => {
    const body = composeReviewBody({ summary: "### patchsmith review", headSha: SHA, standing: FILES, notInline: [], duplicates: 0 });
    expect(body).not.toContain("<!-- odd -->");
    expect(parseStandingMarker(body)).toEqual(FILES);
    expect(parseStandingMarker(composeReviewBody({ summary: "x", headSha: SHA, standing: [], notInline: [], duplicates: 0 }))).toEqual([]);
  });

  it("counts only right before the closing review marker: one earlier in the body (forged in quoted text) does not", () => {
    const forged = `${renderStandingMarker([])}\n${renderReviewMarker({ sha: SHA })}`;
    expect(parseStandingMarker(`quoted: ${forged}\n\nmore text\n\n${renderReviewMarker({ sha: SHA })}`)).toBeUndefined();
    expect(parseStandingMarker(`### patchsmith review\n\n${renderReviewMarker({ sha: SHA })}`)).toBeUndefined();
  });

  it("is undefined when malformed", () => {
    const wrap = (json: string): string => `<!-- patchsmith:standing v1 ${Buffer.from(json).toString("base64url")} -->\n${renderReviewMarker({ sha: SHA })}`;
    expect(parseStandingMarker(wrap('[["a.ts",1,0,0]]'))).toEqual([{ path: "a.ts", error: 1, warning: 0, info: 0 }]);
    for (const bad of ["{}", '[["a.ts",-1,0,0]]', '[["a.ts",1,0]]', '[[1,1,0,0]]', "not json"]) expect(parseStandingMarker(wrap(bad))).toBeUndefined();
  });
});
