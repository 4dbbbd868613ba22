import { describe, expect, it } from "vitest";
import { decideCheckRunEvent, type CheckRunPayload } from "../../src/github/decide-check-run-event.js";
import { loadPayload } from "../helpers/load-payload.js";

function rerequested(change: (run: { name: string; head_sha: string; pull_requests: unknown[] }) => void): CheckRunPayload {
  const p = loadPayload("check_run.rerequested");
  change(p.check_run as { name: string; head_sha: string; pull_requests: unknown[] });
  return p as unknown as CheckRunPayload;
}

describe("decideCheckRunEvent", () => {
  it("re-runs patchsmith's check on its head SHA for the PR it lists", () => {
    const decision = decideCheckRunEvent(
      "d-9",
      rerequested((run) => {
        run.name = "patchsmith";
        run.pull_requests = [{ number: 5 }];
      }),
    );
    expect(decision).toEqual({
      review: true,
      job: { kind: "review", deliveryId: "d-9", installationId: 1, owner: "github", repo: "hello-world", pullNumber: 5, headSha: "d6fde92930d4715a2b49857d24b940956b26d2d3", trigger: "rerequested" },
    });
  });

  it("ignores other apps' check runs and check runs without a pull request", () => {
    expect(decideCheckRunEvent("d", rerequested(() => undefined))).toEqual({ review: false, reason: 'check run "randscape" is not patchsmith\'s' });
    const noPr = decideCheckRunEvent("d", rerequested((run) => (run.name = "patchsmith")));
    expect(noPr.review).toBe(false);
  });
});
