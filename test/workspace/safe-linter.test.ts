import { describe, expect, it } from "vitest";
import { builtinLintConfig, createSafeLinter, knownRuleNames } from "../../src/workspace/safe-linter.js";

describe("the safe linter", () => {
  it("applies @eslint/js and typescript-eslint recommended rules to TypeScript, taste rules off", () => {
    const ids = createSafeLinter()
      .lint("src/a.ts", "var a: any = 1;\nexport { a };\n")
      .map((m) => m.ruleId);
    expect(ids).toEqual(["no-var"]);
  });

  it("knows browser and node globals in JavaScript", () => {
    const ids = createSafeLinter().lint("a.js", "console.log(process.argv, window.location, missingThing);\n").map((m) => m.ruleId);
    expect(ids).toEqual(["no-undef"]);
  });

  it("switches shipped rules by name and ignores names it does not ship", () => {
    const linter = createSafeLinter({ "no-console": "error", "evil-plugin/run": "error" });
    expect(linter.lint("a.ts", "console.log(1);\n").map((m) => m.ruleId)).toEqual(["no-console"]);
    expect(knownRuleNames().has("@typescript-eslint/no-floating-promises")).toBe(true);
    const ruleNames = builtinLintConfig({ "evil-plugin/run": "error" }).flatMap((c) => Object.keys(c.rules ?? {}));
    expect(ruleNames).not.toContain("evil-plugin/run");
    expect(builtinLintConfig().every((c) => c.plugins === undefined || Object.keys(c.plugins).every((p) => p === "@typescript-eslint"))).toBe(true);
  });

  it("does not report a disable comment that names a rule of a plugin it never loads", () => {
    const messages = createSafeLinter().lint("a.ts", "// eslint-disable-next-line promise/prefer-await-to-then\nexport const p = Promise.resolve(1).then((x) => x);\n");
    expect(messages.map((m) => m.ruleId)).toEqual([]);
  });

  it("reports a parse error instead of throwing", () => {
    const messages = createSafeLinter().lint("a.ts", "function (\n");
    expect(messages[0]?.fatal).toBe(true);
  });
});
