import { describe, expect, it } from "vitest";
import { decidePullRequestEvent, type PullRequestPayload } from "../../src/github/decide-pull-request-event.js";
import { loadPayload, type PayloadName } from "../helpers/load-payload.js";

const payload = (name: PayloadName, change: (p: Record<string, unknown> & { pull_request?: Record<string, unknown> }) => void = () => undefined): PullRequestPayload => {
  const p = loadPayload(name);
  change(p);
  return p as unknown as PullRequestPayload;
};

describe("decidePullRequestEvent", () => {
  it("turns pull_request.opened into a review job for the head SHA", () => {
    expect(decidePullRequestEvent("d-1", payload("pull_request.opened"))).toEqual({
      review: true,
      job: {
        kind: "review",
        deliveryId: "d-1",
        installationId: 1,
        owner: "Codertocat",
        repo: "Hello-World",
        pullNumber: 2,
        headSha: "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
        trigger: "opened",
      },
    });
  });

  it.each(["pull_request.synchronize", "pull_request.reopened", "pull_request.ready_for_review"] as const)("reviews on %s", (name) => {
    const decision = decidePullRequestEvent("d", payload(name, (p) => (p.installation ??= { id: 1 })));
    expect(decision.review && decision.job.trigger).toBe(name.split(".")[1]);
  });

  it("skips closed pull requests, other actions, bot authors and events without an installation", () => {
    expect(decidePullRequestEvent("d", payload("pull_request.closed"))).toEqual({ review: false, reason: "action closed does not trigger a review" });
    expect(decidePullRequestEvent("d", payload("pull_request.opened", (p) => ((p.pull_request as { state: string }).state = "closed")))).toEqual({
      review: false,
      reason: "the pull request is closed",
    });
    expect(decidePullRequestEvent("d", payload("pull_request.opened", (p) => ((p.pull_request as { user: unknown }).user = { login: "renovate[bot]", type: "Bot" })))).toEqual({
      review: false,
      reason: "opened by a bot (renovate[bot])",
    });
    expect(decidePullRequestEvent("d", payload("pull_request.opened", (p) => delete p.installation))).toEqual({ review: false, reason: "the event has no installation" });
  });

  it("leaves drafts to the job, which knows the repository's config", () => {
    const decision = decidePullRequestEvent("d", payload("pull_request.opened", (p) => ((p.pull_request as { draft: boolean }).draft = true)));
    expect(decision.review).toBe(true);
  });
});
