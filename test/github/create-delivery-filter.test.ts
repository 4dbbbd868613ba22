import { describe, expect, it } from "vitest";
import { createDeliveryFilter } from "../../src/github/create-delivery-filter.js";

describe("createDeliveryFilter", () => {
  it("says true once per delivery id and forgets the oldest beyond its capacity", () => {
    const filter = createDeliveryFilter(2);
    expect(filter.firstTime("a")).toBe(true);
    expect(filter.firstTime("a")).toBe(false);
    expect(filter.firstTime("b")).toBe(true);
    expect(filter.firstTime("c")).toBe(true);
    expect(filter.firstTime("b")).toBe(false);
    expect(filter.firstTime("a")).toBe(true);
  });
});
