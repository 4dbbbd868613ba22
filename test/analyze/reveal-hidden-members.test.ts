import { describe, expect, it } from "vitest";
import { revealHiddenMembers } from "../../src/analyze/reveal-hidden-members.js";

const SOURCE = [
  "export class Timer {",
  "  private delay = 1;",
  "  #secret = 1;",
  "  /** @internal */",
  "  tick(): void {}",
  "  constructor(private readonly name: string, public label: string) {}",
  "  private constructorLike(): void {}",
  "}",
  'export const note = "@internal stays in a string";',
  "",
].join("\n");

describe("revealHiddenMembers", () => {
  it("blanks each private modifier, defuses @internal in comments only, and keeps lines and length", () => {
    const revealed = revealHiddenMembers("a.ts", SOURCE);
    expect(revealed.text).toHaveLength(SOURCE.length);
    expect(revealed.text).not.toMatch(/\bprivate\b/);
    expect(revealed.text).toContain("/** @INTERNAL */");
    expect(revealed.text).toContain('"@internal stays in a string"');
    expect(revealed.text.split("\n")[1]).toBe("          delay = 1;");
  });

  it("names the private members, parameter properties included, and not #private ones", () => {
    expect([...revealHiddenMembers("a.ts", SOURCE).privates].sort()).toEqual(["Timer\u0000constructorLike", "Timer\u0000delay", "Timer\u0000name"]);
  });
});
