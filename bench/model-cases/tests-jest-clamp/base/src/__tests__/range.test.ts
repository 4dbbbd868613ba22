import { inRange } from "../range";

describe("inRange", () => {
  test("includes both ends", () => {
    expect(inRange(1, 1, 3)).toBe(true);
    expect(inRange(3, 1, 3)).toBe(true);
  });

  test("excludes values outside", () => {
    expect(inRange(4, 1, 3)).toBe(false);
  });
});
