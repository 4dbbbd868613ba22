import { describe, expect, it } from "vitest";
import { chooseReviewScope } from "../../src/github/choose-review-scope.js";

const HEAD = "h".repeat(40);
const LAST = "1234567".padEnd(40, "0");
const ahead = { status: "ahead" as const, mergeBaseSha: LAST, paths: new Set(["a.ts"]), complete: true };

describe("chooseReviewScope", () => {
  it("reviews everything the first time and on a requested re-run", () => {
    expect(chooseReviewScope({ standingRecorded: true, trigger: "opened", headSha: HEAD, lastReviewedSha: undefined, sinceLast: undefined })).toEqual({ kind: "full", reason: "first review of this pull request" });
    expect(chooseReviewScope({ standingRecorded: true, trigger: "rerequested", headSha: HEAD, lastReviewedSha: HEAD, sinceLast: undefined })).toEqual({ kind: "full", reason: "a re-run was requested" });
  });

  it("reviews only what changed when the head descends from the last reviewed SHA", () => {
    expect(chooseReviewScope({ standingRecorded: true, trigger: "synchronize", headSha: HEAD, lastReviewedSha: LAST, sinceLast: ahead })).toEqual({ kind: "incremental", since: LAST, paths: new Set(["a.ts"]) });
  });

  it("has nothing to do when the head was already reviewed", () => {
    expect(chooseReviewScope({ standingRecorded: true, trigger: "synchronize", headSha: HEAD, lastReviewedSha: HEAD, sinceLast: undefined })).toEqual({ kind: "up-to-date", since: HEAD });
    expect(chooseReviewScope({ standingRecorded: true, trigger: "opened", headSha: HEAD, lastReviewedSha: LAST, sinceLast: { ...ahead, status: "identical" } }).kind).toBe("up-to-date");
  });

  it("falls back to a full review after a force-push or when GitHub could not list every changed file", () => {
    expect(chooseReviewScope({ standingRecorded: true, trigger: "synchronize", headSha: HEAD, lastReviewedSha: LAST, sinceLast: { status: "missing" } })).toEqual({
      kind: "full",
      reason: "the last reviewed commit 1234567 no longer exists (force-push)",
    });
    expect(chooseReviewScope({ standingRecorded: true, trigger: "synchronize", headSha: HEAD, lastReviewedSha: LAST, sinceLast: { ...ahead, status: "diverged" } })).toEqual({
      kind: "full",
      reason: "the branch was rewritten since 1234567 (force-push)",
    });
    expect(chooseReviewScope({ standingRecorded: true, trigger: "synchronize", headSha: HEAD, lastReviewedSha: LAST, sinceLast: { ...ahead, complete: false } }).kind).toBe("full");
  });

  it("reviews everything when the last review recorded no standing findings (an earlier patchsmith), even on the same head", () => {
    for (const headSha of [HEAD, LAST]) {
      expect(chooseReviewScope({ standingRecorded: false, trigger: "reopened", headSha, lastReviewedSha: LAST, sinceLast: ahead })).toEqual({
        kind: "full",
        reason: "the review of 1234567 did not record its standing findings (an earlier patchsmith)",
      });
    }
  });
});
