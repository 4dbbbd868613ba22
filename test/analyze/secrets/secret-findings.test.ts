import { describe, expect, it } from "vitest";
import { envVarName } from "../../../src/analyze/secrets/env-var-name.js";
import { findStringLiteral } from "../../../src/analyze/secrets/find-string-literal.js";
import { addedLinesOf, textFromHunks } from "../../../src/analyze/secrets/lines-from-hunks.js";
import { createSecretMask } from "../../../src/analyze/secrets/mask-secrets.js";
import { secretFindings } from "../../../src/analyze/secrets/secret-findings.js";
import { parseFilePatch } from "../../../src/diff/parse-file-patch.js";
import type { Fix } from "../../../src/types.js";
import { fakeCredentials } from "../../security/fake-credentials.js";

const c = fakeCredentials(17);
const ok = () => ({ ok: true, reasons: [], introduced: [] });

describe("secretFindings", () => {
  it("makes one error per line, naming the kind and never the value, with a process.env edit for a literal in code", () => {
    const lines = [{ line: 7, text: `const client = new Client({ token: "${c.githubToken}", password: "${c.password}" });` }];
    const validated: Fix[] = [];
    const result = secretFindings({ path: "src/a.ts", lines, script: true, inHunk: () => true, validate: (fix) => (validated.push(fix), ok()) });
    expect(result.findings).toHaveLength(1);
    const [finding] = result.findings;
    expect(finding).toMatchObject({ path: "src/a.ts", startLine: 7, line: 7, severity: "error", rule: "secret/github-token" });
    expect(finding?.message).toMatch(/^A GitHub token and a hard-coded password are committed here\./);
    expect(finding?.suggestion?.edit.replacement).toBe("const client = new Client({ token: process.env.GITHUB_TOKEN, password: process.env.PASSWORD });");
    expect(JSON.stringify(result.findings)).not.toContain(c.githubToken);
    expect(JSON.stringify(result.findings)).not.toContain(c.password);
    expect(validated).toHaveLength(1);
    expect({ proposed: result.proposed, validated: result.validated, rejected: result.rejected }).toEqual({ proposed: 1, validated: 1, rejected: 0 });
  });

  it("offers no edit for a secret in a comment, outside the hunks, or in a configuration file", () => {
    const comment = secretFindings({ path: "src/a.ts", lines: [{ line: 1, text: `// token: ${c.githubToken}` }], script: true, inHunk: () => true, validate: ok });
    expect(comment.findings[0]?.suggestion).toBeUndefined();
    expect(comment.proposed).toBe(0);
    const outside = secretFindings({ path: "src/a.ts", lines: [{ line: 1, text: `const t = "${c.githubToken}";` }], script: true, inHunk: () => false, validate: ok });
    expect(outside.findings[0]?.suggestion).toBeUndefined();
    const config = secretFindings({ path: ".env", lines: [{ line: 3, text: `NPM_TOKEN=${c.npmToken}` }], script: false, inHunk: () => true });
    expect(config.findings[0]?.message).toContain("set it in the deployment's environment (`NPM_TOKEN`)");
  });

  it("offers no process.env edit where process is not declared (browser code), and says why", () => {
    const lines = [{ line: 2, text: `const token = "${c.githubToken}";` }];
    const result = secretFindings({ path: "src/app.ts", lines, script: true, inHunk: () => true, validate: ok, declaresProcess: false });
    expect(result.findings[0]?.suggestion).toBeUndefined();
    expect(result.proposed).toBe(0);
    expect(result.findings[0]?.message).toMatch(/keep it on a server: code that runs in a browser cannot hide a credential \(`process` is not declared/);
    const node = secretFindings({ path: "src/app.ts", lines, script: true, inHunk: () => true, validate: ok, declaresProcess: true });
    expect(node.findings[0]?.suggestion?.edit.replacement).toMatch(/process\.env\./);
  });

  it("falls back to advice when the edit does not validate", () => {
    const result = secretFindings({ path: "src/a.ts", lines: [{ line: 2, text: `type K = "${c.stripeKey}";` }], script: true, inHunk: () => true, validate: () => ({ ok: false, reasons: ["no"], introduced: [] }) });
    expect(result.findings[0]?.suggestion).toBeUndefined();
    expect(result.findings[0]?.advice).toMatch(/did not pass ESLint and TypeScript/);
    // Both forms were tried: process.env.NAME and process.env["NAME"].
    expect(result.rejected).toBe(2);
  });

  it("offers process.env[\"NAME\"] where only the bracket form compiles (noPropertyAccessFromIndexSignature)", () => {
    const tried: string[] = [];
    const result = secretFindings({
      path: "src/a.ts",
      lines: [{ line: 3, text: `const key = "${c.stripeKey}";` }],
      script: true,
      inHunk: () => true,
      validate: (fix) => (tried.push(fix.edit.replacement), { ok: fix.edit.replacement.includes("["), reasons: [], introduced: [] }),
    });
    expect(tried).toEqual(["const key = process.env.STRIPE_SECRET_KEY;", 'const key = process.env["STRIPE_SECRET_KEY"];']);
    expect(result.findings[0]?.suggestion?.edit.replacement).toBe('const key = process.env["STRIPE_SECRET_KEY"];');
    expect({ proposed: result.proposed, validated: result.validated, rejected: result.rejected }).toEqual({ proposed: 2, validated: 1, rejected: 1 });
  });
});

describe("secret helpers", () => {
  it("findStringLiteral finds the quoted literal around a range, and nothing in comments or templates with substitutions", () => {
    expect(findStringLiteral(`a("x", 'abc', "d")`, 8, 11)).toEqual({ start: 7, end: 11 });
    expect(findStringLiteral("const a = `plain`;", 11, 16)).toEqual({ start: 10, end: 16 });
    expect(findStringLiteral("const a = `x${y}z`;", 11, 12)).toBeUndefined();
    expect(findStringLiteral('// "abc"', 4, 7)).toBeUndefined();
    expect(findStringLiteral('const a = "unterminated', 12, 14)).toBeUndefined();
    expect(findStringLiteral('const a = "a\\"b", c = "d";', 23, 24)).toEqual({ start: 22, end: 24 });
  });

  it("envVarName turns the assigned name into an environment variable, falling back for vague names", () => {
    expect(envVarName("const stripeSecretKey = ", "X")).toBe("STRIPE_SECRET_KEY");
    expect(envVarName('  "client-secret": ', "X")).toBe("CLIENT_SECRET");
    expect(envVarName("const token = ", "GITHUB_TOKEN")).toBe("GITHUB_TOKEN");
    expect(envVarName("const k = ", "PRIVATE_KEY")).toBe("PRIVATE_KEY");
    expect(envVarName("call(", "API_TOKEN")).toBe("API_TOKEN");
    // A type annotation is not the name.
    expect(envVarName("const stripeKey: string | undefined = ", "X")).toBe("STRIPE_KEY");
    expect(envVarName("  private readonly apiSecret?: string = ", "X")).toBe("API_SECRET");
    expect(envVarName("const options = { headers: { authorization: ", "API_TOKEN")).toBe("API_TOKEN");
  });

  it("createSecretMask masks known values and secret shapes line by line, keeping the number of lines", () => {
    const mask = createSecretMask([c.password, "line one of a key\nline two of a key"]);
    const text = `a ${c.password}\nb ${c.githubToken}\nline two of a key\n-----BEGIN PRIVATE KEY-----\nMIIE`;
    const masked = mask(text);
    expect(masked.split("\n")).toHaveLength(text.split("\n").length);
    expect(masked).toBe("a [redacted secret]\nb [redacted secret]\n[redacted secret]\n[redacted secret]\nMIIE");
  });

  it("reads added lines and the head text from hunks", () => {
    const file = parseFilePatch({ path: ".env", status: "modified", patch: "@@ -2,2 +2,3 @@\n A=1\n-B=2\n+B=3\n+C=4" });
    expect(addedLinesOf(file)).toEqual([{ line: 3, text: "B=3" }, { line: 4, text: "C=4" }]);
    expect(textFromHunks(file)).toBe("\nA=1\nB=3\nC=4");
  });
});
