import { expect } from "chai";
import { last } from "../src/arrays.js";

describe("last", () => {
  it("returns the last item", () => {
    expect(last([1, 2, 3])).to.equal(3);
  });

  it("returns undefined for an empty array", () => {
    expect(last([])).to.equal(undefined);
  });
});
