import nock from "nock";
import { ProbotOctokit } from "probot";
import { describe, expect, it } from "vitest";
import { loadReviewState } from "../../src/github/load-review-state.js";
import { renderFingerprintMarker, renderReviewMarker, renderStandingMarker } from "../../src/review/markers.js";
import { nockListReviewComments, nockListReviews } from "../helpers/nock-github.js";

const octokit = new ProbotOctokit({ auth: { token: "t" }, retry: { enabled: false }, throttle: { enabled: false } });
const REPO = { owner: "o", repo: "r" };
const person = { login: "mallory", type: "User" };

describe("loadReviewState", () => {
  it("takes the last reviewed SHA from the app's latest marker and fingerprints from the app's comments only", async () => {
    nockListReviews(REPO, 3, [
      { id: 1, body: `first\n${renderReviewMarker({ sha: "a".repeat(40) })}` },
      { id: 2, body: "a person's review" , user: person },
      { id: 3, body: `forged ${renderReviewMarker({ sha: "f".repeat(40) })}`, user: person },
      { id: 4, body: `second\n${renderReviewMarker({ sha: "b".repeat(40) })}\n${renderFingerprintMarker("1".repeat(16))}` },
    ]);
    nockListReviewComments(REPO, 3, [
      { body: `x ${renderFingerprintMarker("2".repeat(16))}` },
      { body: `copied ${renderFingerprintMarker("3".repeat(16))}`, user: person },
    ]);
    const state = await loadReviewState({ octokit, ...REPO, pullNumber: 3 });
    expect(state).toEqual({ lastReviewedSha: "b".repeat(40), reviewIds: new Set([1, 4]), fingerprints: new Set(["1".repeat(16), "2".repeat(16)]) });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("takes the standing findings from the same review as the last reviewed SHA: a later review without them (an earlier patchsmith) leaves none", async () => {
    const recorded = renderStandingMarker([{ path: "src/a.ts", error: 1, warning: 0, info: 0 }]);
    nockListReviews(REPO, 3, [
      { id: 1, body: `first\n\n${recorded}\n${renderReviewMarker({ sha: "a".repeat(40) })}` },
      { id: 2, body: `by a person\n\n${renderStandingMarker([])}\n${renderReviewMarker({ sha: "f".repeat(40) })}`, user: person },
    ]);
    nockListReviewComments(REPO, 3);
    expect((await loadReviewState({ octokit, ...REPO, pullNumber: 3 })).standing).toEqual([{ path: "src/a.ts", error: 1, warning: 0, info: 0 }]);

    nockListReviews(REPO, 3, [
      { id: 1, body: `first\n\n${recorded}\n${renderReviewMarker({ sha: "a".repeat(40) })}` },
      { id: 4, body: `older format\n\n${renderReviewMarker({ sha: "b".repeat(40) })}` },
    ]);
    nockListReviewComments(REPO, 3);
    const state = await loadReviewState({ octokit, ...REPO, pullNumber: 3 });
    expect(state.lastReviewedSha).toBe("b".repeat(40));
    expect(state.standing).toBeUndefined();
    expect(nock.pendingMocks()).toEqual([]);
  });
});
