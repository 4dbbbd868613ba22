import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { RULE_POLICY, recommendedRules } from "../../src/workspace/rule-policy.js";
import { createSafeLinter } from "../../src/workspace/safe-linter.js";

function reported(path: string, text: string): string[] {
  return createSafeLinter()
    .lint(path, text)
    .map((m) => `${m.ruleId ?? ""}:${m.severity}`);
}

describe("RULE_POLICY", () => {
  it("classifies every rule the recommended sets switch on", () => {
    const { javascript, typescript } = recommendedRules();
    const unclassified = [...new Set([...Object.keys(javascript), ...Object.keys(typescript)])].filter((name) => RULE_POLICY[name] === undefined);
    expect(unclassified).toEqual([]);
  });

  it("reports bugs as errors, conventions as warnings, and taste not at all", () => {
    const text = "export function f(a: any, b: number): number[] {\n  let c = b;\n  return [1].map((v) => { v * c; });\n}\n";
    expect(reported("a.ts", text)).toEqual(expect.arrayContaining(["prefer-const:1", "array-callback-return:2", "@typescript-eslint/no-unused-expressions:2"]));
    expect(reported("a.ts", text).some((r) => r.startsWith("@typescript-eslint/no-explicit-any"))).toBe(false);
  });

  it("switches a taste rule on when the repository says so", () => {
    const messages = createSafeLinter({ "@typescript-eslint/no-explicit-any": "error" }).lint("a.ts", "export const a: any = 1;\n");
    expect(messages.map((m) => `${m.ruleId ?? ""}:${m.severity}`)).toEqual(["@typescript-eslint/no-explicit-any:2"]);
  });

  it("uses eqeqeq with its smart option: a coercing comparison is a warning, `== null` is not reported", () => {
    expect(reported("a.js", "export const f = (a, b) => a == b;\n")).toEqual(["eqeqeq:1"]);
    expect(reported("a.js", "export const f = (a) => a == null || typeof a == 'string';\n")).toEqual([]);
  });

  it("keeps core rules off for TypeScript where the compiler checks them", () => {
    expect(reported("a.ts", "var x = 1;\nvar x = 2;\nexport { x };\nundeclared();\n").filter((r) => r.startsWith("no-redeclare") || r.startsWith("no-undef"))).toEqual([]);
    expect(reported("a.js", "var x = 1;\nvar x = 2;\nexport { x };\nundeclared();\n")).toEqual(expect.arrayContaining(["no-redeclare:2", "no-undef:2"]));
  });

  it("is listed in docs/rules.md: every rule that is on, by class", () => {
    const readme = readFileSync(new URL("../../docs/rules.md", import.meta.url), "utf8");
    const missing = Object.entries(RULE_POLICY)
      .filter(([, policy]) => policy.class !== "taste")
      .map(([name]) => name)
      .filter((name) => !readme.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });
});
