import { Linter } from "eslint";
import tseslint from "typescript-eslint";
import { describe, expect, it } from "vitest";
import { applyEdit } from "../../src/analyze/apply-edit.js";
import { deterministicFixes } from "../../src/analyze/deterministic-fixes.js";
import { lineEditBetween } from "../../src/analyze/line-edit-between.js";
import { defaultRepoConfig } from "../../src/config/repo-config.js";
import { parseUnifiedDiff } from "../../src/diff/parse-unified-diff.js";
import { renderSuggestionBlock } from "../../src/review/render-suggestion.js";
import { reviewChange } from "../../src/pipeline/review-change.js";
import { validateEdit } from "../../src/validate/validate-edit.js";
import { makeWorkspace } from "../helpers/make-workspace.js";
import { fakeCredentials } from "../security/fake-credentials.js";
import { addedFileDiff, memorySource } from "../helpers/memory-change.js";

async function suggestionFor(path: string, text: string, rule: string) {
  const result = await reviewChange({ base: memorySource({}), head: memorySource({ [path]: text }), diff: addedFileDiff(path, text), config: defaultRepoConfig });
  return result.findings.find((f) => f.rule === rule)?.suggestion?.edit.replacement;
}

describe("deterministic fixes beside other problems on the same line", () => {
  it("suggests prefer-const beside an unused variable (the first reproduction)", async () => {
    expect(await suggestionFor("src/unused.ts", "let x = 1;\nexport {};\n", "eslint/prefer-const")).toBe("const x = 1;");
  });

  it("suggests prefer-const beside an unknown name (the second reproduction)", async () => {
    expect(await suggestionFor("src/undeclared.ts", "let w = foo;\nconsole.log(w);\n", "eslint/prefer-const")).toBe("const w = foo;");
  });

  it("still rejects a fix that creates a new problem anywhere in the file", () => {
    const ws = makeWorkspace({ "a.ts": "export const a = 1;\nexport const b = a;\n" });
    const verdict = validateEdit(ws, { edit: { path: "a.ts", startLine: 1, endLine: 1, replacement: "export const c = 1;" }, title: "rename", origin: "model" });
    expect(verdict.ok).toBe(false);
    expect(verdict.reasons.join("\n")).toMatch(/a\.ts:2:.*TS2304: Cannot find name 'a'/);
    ws.dispose();
  });

  it("still rejects a fix that breaks a file importing the edited one", () => {
    const ws = makeWorkspace({ "src/a.ts": "export function add(x: number, y: number): number {\n  return x + y;\n}\n", "src/b.ts": 'import { add } from "./a.js";\nexport const three = add(1, 2);\n' });
    const verdict = validateEdit(ws, { edit: { path: "src/a.ts", startLine: 1, endLine: 1, replacement: "export function add(x: number, y: number, z: number): number {" }, title: "arity", origin: "model" });
    expect(verdict.ok).toBe(false);
    expect(verdict.reasons.join("\n")).toMatch(/src\/b\.ts:2:.*TS2554/);
    ws.dispose();
  });

  it("never fixes along a problem the line already had: only follow-ups the fix itself calls for are chained", () => {
    // `var` with a label problem on the same line: the no-var fix is offered alone, never bundled with another rule's fix.
    const text = "export function f(): number {\n  var total = 0; total += 1;\n  return total;\n}\n";
    const ws = makeWorkspace({ "a.ts": text });
    const noVar = ws.diagnose("a.ts").find((d) => d.code === "no-var");
    expect(noVar).toBeDefined();
    const fixes = deterministicFixes(ws, noVar!);
    for (const fix of fixes) expect(applyEdit(text, fix.edit)).toContain("let total = 0; total += 1;");
    // `var` that is never reassigned: `let` calls for prefer-const, which is chained and named.
    const once = "export function g(): number {\n  var once = 1;\n  return once;\n}\n";
    const ws2 = makeWorkspace({ "b.ts": once });
    const chained = deterministicFixes(ws2, ws2.diagnose("b.ts").find((d) => d.code === "no-var")!).find((f) => f.title.includes("prefer-const"));
    expect(chained?.edit.replacement).toBe("  const once = 1;");
    expect(chained?.title).toBe("Fix no-var, and prefer-const that the fix itself calls for");
    ws.dispose();
    ws2.dispose();
  });
});

describe("exact text", () => {
  it("keeps an emptied line as an empty line, and a deletion as a deletion", () => {
    const emptied = lineEditBetween("a.ts", "a\nb;\nc\n", "a\n\nc\n");
    expect(emptied).toEqual({ path: "a.ts", startLine: 2, endLine: 2, replacement: "" });
    expect(applyEdit("a\nb;\nc\n", emptied!)).toBe("a\n\nc\n");
    expect(renderSuggestionBlock("")).toBe("```suggestion\n\n```");
    const deleted = lineEditBetween("a.ts", "a\nb;\nc\n", "a\nc\n");
    expect(deleted).toEqual({ path: "a.ts", startLine: 2, endLine: 2, replacement: "", deletion: true });
    expect(applyEdit("a\nb;\nc\n", deleted!)).toBe("a\nc\n");
    expect(renderSuggestionBlock("", true)).toBe("```suggestion\n```");
  });

  it("gives exactly ESLint's own one-pass output for a sample of rule fixes", () => {
    const cases: [rule: string, text: string][] = [
      ["prefer-const", "let a = 1;\nconsole.log(a);\n"],
      ["no-var", "var b = 1;\nb = 2;\nconsole.log(b);\n"],
      ["no-extra-boolean-cast", "export const d = 1;\nif (!!d) console.log(d);\n"],
      ["no-regex-spaces", "export const e = /a   b/;\n"],
      ["no-unused-labels", "export function f() {\n  outer: for (;;) {\n    break;\n  }\n}\n"],
    ];
    const linter = new Linter({ configType: "flat" });
    for (const [rule, text] of cases) {
      const expected = linter.verifyAndFix(text, [{ rules: { [rule]: "error" } }], { filename: "x.js" }).output;
      const ws = makeWorkspace({ "x.ts": text });
      const diagnostic = ws.diagnose("x.ts").find((d) => d.code === rule);
      expect(diagnostic, rule).toBeDefined();
      const fix = deterministicFixes(ws, diagnostic!).find((f) => validateEdit(ws, f).ok);
      expect(fix && applyEdit(text, fix.edit), rule).toBe(expected);
      ws.dispose();
    }
  });
});

describe("several problems of one rule on a line", () => {
  it("get one suggestion that fixes them all, exactly as ESLint's one pass does", async () => {
    const cases: [rule: string, text: string][] = [
      ["prefer-const", "export function f(): string {\n  let x = 1, y = 'y'; let z = 1;\n  return `${x}${y}${z}`;\n}\n"],
      ["@typescript-eslint/no-wrapper-object-types", "export type T = Number | Symbol;\n"],
      ["no-unused-labels", "export function g(): void {\n  A: B: C: for (;;) { break B; }\n}\n"],
    ];
    const linter = new Linter({ configType: "flat" });
    for (const [rule, text] of cases) {
      const expected = linter.verifyAndFix(text, [{ files: ["**/*.ts"], languageOptions: { parser: tseslint.parser }, plugins: { "@typescript-eslint": tseslint.plugin }, rules: { [rule]: "error" } }], { filename: "x.ts" }).output;
      const result = await reviewChange({ base: memorySource({}), head: memorySource({ "src/x.ts": text }), diff: addedFileDiff("src/x.ts", text), config: defaultRepoConfig });
      const mine = result.findings.filter((f) => f.rule === `eslint/${rule}`);
      expect(mine, rule).toHaveLength(1);
      expect(mine[0]?.message, rule).toMatch(/The same change also fixes/);
      expect(mine[0]?.suggestion && applyEdit(text, mine[0].suggestion.edit), rule).toBe(expected);
    }
  });

  it("never fixes along a problem of the same rule that the base already had", async () => {
    const base = "export function f(): string {\n  let x = 1;\n  return `${x}`;\n}\n";
    const head = "export function f(): string {\n  let x = 1; let z = 2;\n  return `${x}${z}`;\n}\n";
    const patch = ["diff --git a/src/x.ts b/src/x.ts", "--- a/src/x.ts", "+++ b/src/x.ts", "@@ -1,4 +1,4 @@", " export function f(): string {", "-  let x = 1;", "-  return `${x}`;", "+  let x = 1; let z = 2;", "+  return `${x}${z}`;", " }", ""].join("\n");
    const result = await reviewChange({ base: memorySource({ "src/x.ts": base }), head: memorySource({ "src/x.ts": head }), diff: parseUnifiedDiff(patch).files, config: defaultRepoConfig });
    const mine = result.findings.filter((f) => f.rule === "eslint/prefer-const");
    expect(mine.map((f) => f.suggestion?.edit.replacement)).toEqual(["  let x = 1; const z = 2;"]);
  });
});

describe("rules the repository does not follow", () => {
  it("keeps a rule quiet when the unchanged code already breaks it three times, and says so", async () => {
    const base = "export var a = 1;\nexport var b = 2;\nexport var c = 3;\n";
    const head = `${base}export var d = 4;\n`;
    const patch = ["diff --git a/src/vars.ts b/src/vars.ts", "--- a/src/vars.ts", "+++ b/src/vars.ts", "@@ -1,3 +1,4 @@", ...base.trimEnd().split("\n").map((l) => ` ${l}`), "+export var d = 4;", ""].join("\n");
    const review = (config = defaultRepoConfig) => reviewChange({ base: memorySource({ "src/vars.ts": base }), head: memorySource({ "src/vars.ts": head }), diff: parseUnifiedDiff(patch).files, config });
    const result = await review();
    expect(result.findings.map((f) => f.rule)).not.toContain("eslint/no-var");
    expect(result.notices.map((n) => n.message).join("\n")).toMatch(/Quiet for this pull request: `no-var` \(3 times\)/);
    // The repository's own patchsmith config wins.
    const held = await review({ ...defaultRepoConfig, rules: { "no-var": "error" } });
    expect(held.findings.map((f) => f.rule)).toContain("eslint/no-var");
  });

  it("does not report `any` by default (taste), and does when the repository asks for it", async () => {
    const text = "export const d = (x: any) => x;\n";
    const review = (config = defaultRepoConfig) => reviewChange({ base: memorySource({}), head: memorySource({ "src/any.ts": text }), diff: addedFileDiff("src/any.ts", text), config });
    expect((await review()).findings).toEqual([]);
    const held = await review({ ...defaultRepoConfig, rules: { "@typescript-eslint/no-explicit-any": "error" } });
    expect(held.findings.map((f) => `${f.rule} ${f.severity}`)).toEqual(["eslint/@typescript-eslint/no-explicit-any error"]);
  });

  it("reports conventions as warnings and bugs as errors: only errors say Changes needed", async () => {
    const text = "export function f(xs: number[]): number[] {\n  let n = 2;\n  return xs.map((x) => { x * n; });\n}\n";
    const result = await reviewChange({ base: memorySource({}), head: memorySource({ "src/f.ts": text }), diff: addedFileDiff("src/f.ts", text), config: defaultRepoConfig });
    expect(result.findings.map((f) => `${f.line} ${f.rule} ${f.severity}`).sort()).toEqual(
      ["2 eslint/prefer-const warning", "3 eslint/array-callback-return error", "3 eslint/@typescript-eslint/no-unused-expressions error", "3 ts/TS2322 error"].sort(),
    );
    expect(result.body).toMatch(/Changes needed/);
    const style = "export function g(): number {\n  let n = 2;\n  return n;\n}\n";
    const quiet = await reviewChange({ base: memorySource({}), head: memorySource({ "src/g.ts": style }), diff: addedFileDiff("src/g.ts", style), config: defaultRepoConfig });
    expect(quiet.findings.map((f) => f.severity)).toEqual(["warning"]);
    expect(quiet.body).not.toMatch(/Changes needed/);
  });
});

describe("the repository's legacy ESLint config, as data", () => {
  it("honours its severities and says its plugins and extends were not loaded", async () => {
    const text = "let x = 1;\nexport const y = x;\n";
    const eslintrc = JSON.stringify({ extends: ["plugin:evil/all"], plugins: ["evil"], rules: { "prefer-const": "off" } });
    const result = await reviewChange({ base: memorySource({ ".eslintrc.json": eslintrc }), head: memorySource({ ".eslintrc.json": eslintrc, "src/a.ts": text }), diff: addedFileDiff("src/a.ts", text), config: defaultRepoConfig });
    expect(result.findings.map((f) => f.rule)).not.toContain("eslint/prefer-const");
    expect(result.notices.map((n) => n.message).join("\n")).toMatch(/Not loaded: the `extends`, `plugins` of \.eslintrc\.json/);
  });
});

describe("a secret's fix compiles in the repository", () => {
  it("uses process.env[\"NAME\"] where noPropertyAccessFromIndexSignature is on", async () => {
    const key = fakeCredentials(3).stripeKey;
    const text = `export const key = "${key}";\n`;
    const files = {
      "tsconfig.json": '{ "compilerOptions": { "strict": true, "noPropertyAccessFromIndexSignature": true } }',
      "src/env.d.ts": "declare const process: { env: Record<string, string | undefined> };\n",
    };
    const result = await reviewChange({ base: memorySource(files), head: memorySource({ ...files, "src/a.ts": text }), diff: addedFileDiff("src/a.ts", text), config: defaultRepoConfig });
    const secret = result.findings.find((f) => f.rule.startsWith("secret/"));
    expect(secret?.suggestion?.edit.replacement).toBe('export const key = process.env["STRIPE_SECRET_KEY"];');
  });
});
