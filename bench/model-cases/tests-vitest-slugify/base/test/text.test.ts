import { describe, expect, it } from "vitest";
import { capitalize } from "../src/text.js";

describe("capitalize", () => {
  it("upper-cases the first letter", () => {
    expect(capitalize("hello")).toBe("Hello");
  });

  it("leaves an empty string alone", () => {
    expect(capitalize("")).toBe("");
  });
});
