import { describe, expect, it } from "vitest";
import { readEslintrcRules } from "../../src/config/read-eslintrc-rules.js";

const read = (files: Record<string, string>, extra: readonly string[] = []) => readEslintrcRules({ files: new Map(Object.entries(files)), knownPaths: new Set([...Object.keys(files), ...extra]) });

describe("readEslintrcRules", () => {
  it("takes severities and options of shipped rules from .eslintrc.json, ignores unknown rules, and names what was not loaded", () => {
    const result = read({ ".eslintrc.json": JSON.stringify({ extends: ["airbnb"], plugins: ["evil"], parser: "evil-parser", rules: { "no-console": 1, eqeqeq: ["error", "smart"], "@typescript-eslint/no-explicit-any": "off", "evil/rule": 2 } }) });
    expect(result.rules).toEqual({ "no-console": "warn", eqeqeq: ["error", "smart"], "@typescript-eslint/no-explicit-any": "off" });
    expect(result.notices.map((n) => n.message)).toEqual([expect.stringMatching(/^Not loaded: the `extends`, `plugins`, `parser` of \.eslintrc\.json/)]);
  });

  it("reads YAML and package.json eslintConfig, and never loads configs that are code", () => {
    expect(read({ ".eslintrc.yml": "rules:\n  prefer-const: off\n" }).rules).toEqual({ "prefer-const": "off" });
    expect(read({ "package.json": JSON.stringify({ eslintConfig: { rules: { "no-var": 0 } } }) }).rules).toEqual({ "no-var": "off" });
    const code = read({}, ["eslint.config.js", ".eslintrc.cjs"]);
    expect(code.rules).toEqual({});
    expect(code.notices[0]?.message).toMatch(/Not loaded: `eslint\.config\.js`, `\.eslintrc\.cjs`/);
  });

  it("keeps a rule's severity but not options its schema refuses, and says so; a broken file is a notice", () => {
    const result = read({ ".eslintrc.json": JSON.stringify({ rules: { eqeqeq: ["error", { nonsense: true }] } }) });
    expect(result.rules).toEqual({ eqeqeq: "error" });
    expect(result.notices[0]?.message).toMatch(/options of `eqeqeq` are not valid/);
    expect(read({ ".eslintrc.json": "{ nope" }).notices[0]?.message).toMatch(/^\.eslintrc\.json could not be read as data/);
  });
});
