import { describe, expect, it } from "vitest";
import { claimsCheckerOwned } from "../../src/review/claims-checker-owned.js";

describe("claimsCheckerOwned", () => {
  it("recognises claims that a name is not defined, declared or imported, or that a property does not exist", () => {
    expect(claimsCheckerOwned("null or undefined access: `DISCOUNTS` is not defined.")).toBe(true);
    expect(claimsCheckerOwned("`formatPrice` is never imported in this file")).toBe(true);
    expect(claimsCheckerOwned("Use of an undeclared variable `total`")).toBe(true);
    expect(claimsCheckerOwned("Property `reduce` does not exist on the items")).toBe(true);
    expect(claimsCheckerOwned("Cannot find name 'formatPrice'")).toBe(true);
  });

  it("leaves claims about values at run time to the model", () => {
    expect(claimsCheckerOwned("`user.email` is undefined when the user signed up with a phone number")).toBe(false);
    expect(claimsCheckerOwned("inverted condition: expired sessions are accepted")).toBe(false);
    expect(claimsCheckerOwned("missing await: the save is not awaited, so errors are lost")).toBe(false);
    expect(claimsCheckerOwned("off-by-one: the loop reads one past the end of the array")).toBe(false);
  });
});
