import { describe, expect, it } from "vitest";
import { limitReviewsPerRepository } from "../../src/pipeline/limit-reviews-per-repository.js";
import { ReviewRateLimitError } from "../../src/security/review-rate-limit-error.js";
import { emptyResult, fakeReviewChange } from "../helpers/fake-review-change.js";
import { memorySource } from "../security/review-fixture.js";
import { defaultRepoConfig } from "../../src/config/repo-config.js";

const params = (owner: string, name: string) => ({ base: memorySource({}), head: memorySource({}), diff: [], config: defaultRepoConfig, repo: { owner, name } });

describe("limitReviewsPerRepository", () => {
  it("runs at most `perHour` reviews of one repository in any hour, then says which setting and when to re-run", async () => {
    let now = Date.parse("2024-05-01T12:00:00Z");
    const engine = fakeReviewChange(emptyResult());
    const limited = limitReviewsPerRepository(engine, { perHour: 2, now: () => now });
    await limited(params("o", "r"));
    now += 10 * 60_000;
    await limited(params("O", "R"));
    now += 10 * 60_000;
    const refused = limited(params("o", "r"));
    await expect(refused).rejects.toThrow(ReviewRateLimitError);
    await expect(limited(params("o", "r"))).rejects.toThrow(
      "Limit hit: o/r has had 2 reviews in the last hour, the most PATCHSMITH_REVIEWS_PER_REPO_PER_HOUR allows, so this one did not run. Re-run the check after 13:00 UTC.",
    );
    expect(engine.calls).toHaveLength(2);
    // Another repository has its own allowance; an hour after the first review, one more is allowed here.
    await limited(params("o", "other"));
    now = Date.parse("2024-05-01T13:00:01Z");
    await limited(params("o", "r"));
    expect(engine.calls).toHaveLength(4);
  });

  it("does not limit a review without a repository (the CLI)", async () => {
    const engine = fakeReviewChange(emptyResult());
    const limited = limitReviewsPerRepository(engine, { perHour: 1, now: () => 0 });
    const local = { base: memorySource({}), head: memorySource({}), diff: [], config: defaultRepoConfig };
    await limited(local);
    await limited(local);
    expect(engine.calls).toHaveLength(2);
  });
});
