import { describe, expect, it } from "vitest";
import {
  parseAnswerMarkers,
  parseFingerprints,
  parsePausedMarker,
  parseReviewMarker,
  renderAnswerMarker,
  renderFingerprintMarker,
  renderPausedMarker,
  renderReviewMarker,
} from "../../src/review/markers.js";

const SHA = "0123456789abcdef0123456789abcdef01234567";

describe("review marker", () => {
  it("round-trips a commit sha as a hidden comment", () => {
    const marker = renderReviewMarker({ sha: SHA });
    expect(marker).toBe(`<!-- patchsmith:review sha=${SHA} -->`);
    expect(parseReviewMarker(`Summary\n\n${marker}`)).toEqual({ sha: SHA });
  });

  it("lower-cases the sha and refuses one that is not a full hex sha", () => {
    expect(renderReviewMarker({ sha: SHA.toUpperCase() })).toContain(SHA);
    expect(() => renderReviewMarker({ sha: "main" })).toThrow(/full 40-character hex SHA/);
    expect(() => renderReviewMarker({ sha: SHA.slice(0, 39) })).toThrow();
  });

  it("ignores markers that are not exactly well-formed", () => {
    expect(parseReviewMarker("no marker")).toBeUndefined();
    expect(parseReviewMarker(`<!-- patchsmith:review sha=${SHA.slice(0, 39)} -->`)).toBeUndefined();
    expect(parseReviewMarker(`<!-- patchsmith:review sha=${SHA}0 -->`)).toBeUndefined();
    expect(parseReviewMarker(`<!-- patchsmith:review sha=${SHA.toUpperCase()} -->`)).toBeUndefined();
    expect(parseReviewMarker(`<!-- patchsmith:review sha=${SHA.slice(0, 39)}g -->`)).toBeUndefined();
    expect(parseReviewMarker(`<!--patchsmith:review sha=${SHA}-->`)).toBeUndefined();
  });

  it("takes the last marker when a body has several", () => {
    const other = "f".repeat(40);
    expect(parseReviewMarker(`${renderReviewMarker({ sha: SHA })}\n${renderReviewMarker({ sha: other })}`)).toEqual({ sha: other });
  });
});

describe("fingerprint markers", () => {
  it("round-trip every fingerprint in order, without repeats", () => {
    const body = ["a", renderFingerprintMarker("00112233aabbccdd"), "b", renderFingerprintMarker("ffeeddccbbaa9988"), renderFingerprintMarker("00112233aabbccdd")].join("\n");
    expect(parseFingerprints(body)).toEqual(["00112233aabbccdd", "ffeeddccbbaa9988"]);
  });

  it("refuse to render or parse anything but 16 lower-case hex digits", () => {
    expect(() => renderFingerprintMarker("xyz")).toThrow(/16 lower-case hex/);
    expect(() => renderFingerprintMarker("00112233AABBCCDD")).toThrow();
    expect(parseFingerprints("<!-- patchsmith:fp=00112233aabbccd -->")).toEqual([]);
    expect(parseFingerprints("<!-- patchsmith:fp=00112233aabbccddee -->")).toEqual([]);
    expect(parseFingerprints("<!-- patchsmith:fp=0011223zaabbccdd -->")).toEqual([]);
  });
});

describe("paused marker", () => {
  it("round-trips", () => {
    expect(renderPausedMarker()).toBe("<!-- patchsmith:paused -->");
    expect(parsePausedMarker(`Paused by a maintainer.\n${renderPausedMarker()}`)).toBe(true);
    expect(parsePausedMarker("<!-- patchsmith:pause -->")).toBe(false);
  });
});

describe("answer marker", () => {
  it("round-trips the comment a command's reply answers and its outcome", () => {
    const marker = renderAnswerMarker({ to: { kind: "review", id: 284312630 }, outcome: "failed" });
    expect(marker).toBe("<!-- patchsmith:answer to=review-284312630 outcome=failed -->");
    expect(parseAnswerMarkers(`Sorry.\n\n${marker}`)).toEqual([{ to: { kind: "review", id: 284312630 }, outcome: "failed" }]);
  });

  it("refuses an id that is not a comment id, and ignores markers that are not exactly well-formed", () => {
    expect(() => renderAnswerMarker({ to: { kind: "issue", id: 1.5 }, outcome: "done" })).toThrow(/pass the comment's numeric id/);
    expect(parseAnswerMarkers("<!-- patchsmith:answer to=issue-12 outcome=maybe -->")).toEqual([]);
    expect(parseAnswerMarkers("<!-- patchsmith:answer to=commit-12 outcome=done -->")).toEqual([]);
    expect(parseAnswerMarkers("<!--patchsmith:answer to=issue-12 outcome=done-->")).toEqual([]);
  });
});
