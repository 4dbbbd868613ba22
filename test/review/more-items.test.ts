import { describe, expect, it } from "vitest";
import { moreItems } from "../../src/review/more-items.js";

describe("moreItems", () => {
  it("says how many were left out, singular or plural", () => {
    expect(moreItems(1, "file")).toEqual(["- …and 1 more file."]);
    expect(moreItems(3, "notice")).toEqual(["- …and 3 more notices."]);
  });

  it("adds nothing when nothing was left out", () => {
    expect(moreItems(0, "file")).toEqual([]);
    expect(moreItems(-5, "file")).toEqual([]);
  });
});
