import { describe, expect, it } from "vitest";
import { hideDeliveryFromLogs } from "../../src/security/hide-delivery-from-logs.js";

describe("hideDeliveryFromLogs", () => {
  it("keeps only the delivery's id and name, out of the error's enumerable fields, also for a delivery attached later", () => {
    const error = hideDeliveryFromLogs(Object.assign(new Error("boom"), { event: { id: "d-1", name: "pull_request", payload: { secret: "PAYLOAD" } } }));
    expect((error as { event?: unknown }).event).toEqual({ id: "d-1", name: "pull_request" });
    expect(Object.keys(error)).not.toContain("event");
    // @octokit/webhooks attaches the delivery with Object.assign after the handler threw.
    Object.assign(error, { event: { id: "d-2", name: "issue_comment", payload: "PAYLOAD" } });
    expect((error as { event?: unknown }).event).toEqual({ id: "d-2", name: "issue_comment" });
    expect(JSON.stringify(Object.fromEntries(Object.entries(error)))).not.toContain("PAYLOAD");
  });

  it("turns a thrown non-Error into an Error with its text", () => {
    const error = hideDeliveryFromLogs("plain text");
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toBe("plain text");
    expect((error as { event?: unknown }).event).toBeUndefined();
  });
});
