import { createHash } from "node:crypto";
import { deflateRawSync } from "node:zlib";
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

  it("records the findings of 3,000 files (GitHub's most per pull request) deflated (v2) when the plain record would not fit, so the next run need not review everything", () => {
    const many: StandingFile[] = Array.from({ length: 3000 }, (_, i) => ({ path: `packages/feature-${String(i % 40)}/src/components/widget-${String(i)}.tsx`, error: i % 3, warning: 1, info: i % 2 }));
    expect(renderStandingMarker(many).length).toBeGreaterThan(24_000);
    const body = composeReviewBody({ summary: "### patchsmith review", headSha: SHA, standing: many, notInline: [], duplicates: 0 });
    expect(body).toContain("<!-- patchsmith:standing v2 ");
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(parseStandingMarker(body)).toEqual(many);
    // A small record stays v1, which earlier versions read too.
    expect(composeReviewBody({ summary: "x", headSha: SHA, standing: FILES, notInline: [], duplicates: 0 })).toContain("<!-- patchsmith:standing v1 ");
  });

  it("writes no record when even the deflated one would not fit (the next run reviews everything: the gate never rests on part of the findings)", () => {
    // Paths with nothing in common do not deflate.
    const random = (i: number): string => createHash("sha256").update(String(i)).digest("base64url");
    const unrelated: StandingFile[] = Array.from({ length: 3000 }, (_, i) => ({ path: `${random(i)}/${random(i + 5000)}.ts`, error: 1, warning: 0, info: 0 }));
    const body = composeReviewBody({ summary: "x", headSha: SHA, standing: unrelated, notInline: [], duplicates: 0 });
    expect(body).not.toContain("patchsmith:standing");
    expect(parseStandingMarker(body)).toBeUndefined();
  });

  it("reads a v2 record only as deflated JSON of the same rows, and refuses one that inflates beyond 16 MiB", () => {
    const wrap2 = (bytes: Buffer): string => `<!-- patchsmith:standing v2 ${bytes.toString("base64url")} -->\n${renderReviewMarker({ sha: SHA })}`;
    expect(parseStandingMarker(wrap2(deflateRawSync('[["a.ts",1,0,0]]')))).toEqual([{ path: "a.ts", error: 1, warning: 0, info: 0 }]);
    expect(parseStandingMarker(wrap2(Buffer.from('[["a.ts",1,0,0]]')))).toBeUndefined();
    const bomb = deflateRawSync(Buffer.from(`[["${"a".repeat(17 * 1024 * 1024)}",1,0,0]]`), { level: 9 });
    expect(parseStandingMarker(wrap2(bomb))).toBeUndefined();
  });
});
