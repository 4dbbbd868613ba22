import { describe, expect, it } from "vitest";
import { isEnvironmentNoise } from "../../src/scan/is-environment-noise.js";

describe("isEnvironmentNoise", () => {
  it("treats Node and DOM globals that cannot be found as noise, and other names as findings", () => {
    expect(isEnvironmentNoise({ rule: "ts/TS2584", message: "Cannot find name 'console'. Do you need to change your target library?" }, false)).toBe(true);
    expect(isEnvironmentNoise({ rule: "ts/TS2304", message: "Cannot find name 'AbortSignal'." }, false)).toBe(true);
    expect(isEnvironmentNoise({ rule: "ts/TS2503", message: "Cannot find namespace 'NodeJS'." }, false)).toBe(true);
    expect(isEnvironmentNoise({ rule: "ts/TS2304", message: "Cannot find name 'formatPrice'." }, true)).toBe(false);
    expect(isEnvironmentNoise({ rule: "ts/TS2552", message: "Cannot find name 'lenght'. Did you mean 'length'?" }, true)).toBe(false);
  });

  it("treats import.meta properties as noise, other missing properties as findings", () => {
    expect(isEnvironmentNoise({ rule: "ts/TS2339", message: "Property 'dirname' does not exist on type 'ImportMeta'." }, false)).toBe(true);
    expect(isEnvironmentNoise({ rule: "ts/TS2339", message: "Property 'totl' does not exist on type 'Cart'." }, true)).toBe(false);
  });

  it("treats implicit any as noise only in files that import packages", () => {
    const finding = { rule: "ts/TS7006", message: "Parameter 'x' implicitly has an 'any' type." };
    expect(isEnvironmentNoise(finding, true)).toBe(true);
    expect(isEnvironmentNoise(finding, false)).toBe(false);
    expect(isEnvironmentNoise({ rule: "eslint/no-undef", message: "'console' is not defined." }, true)).toBe(false);
  });
});
