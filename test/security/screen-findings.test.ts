import { describe, expect, it } from "vitest";
import { createSecretMask } from "../../src/analyze/secrets/mask-secrets.js";
import { findRiskyAdditions } from "../../src/security/find-risky-additions.js";
import { screenFindings } from "../../src/security/screen-findings.js";
import type { Finding, Fix } from "../../src/types.js";
import { fakeCredentials } from "./fake-credentials.js";

const c = fakeCredentials(13);
const HEAD = ["export function greet(name: string): string {", "  const note = '!';", "  return 'Hello, ' + name + note;", "}"].join("\n");

function withSuggestion(replacement: string, origin: Fix["origin"] = "model", line = 3): Finding {
  return { path: "src/a.ts", startLine: line, line, severity: "warning", rule: `${origin}/x`, message: "m", suggestion: { edit: { path: "src/a.ts", startLine: line, endLine: line, replacement }, title: "t", origin } };
}

const screen = (findings: Finding[], added: number[] = [2, 3]) =>
  screenFindings({ findings, headText: () => HEAD, mask: createSecretMask([c.password]), addedLines: () => new Set(added) });

describe("screenFindings", () => {
  it("keeps an ordinary validated suggestion", () => {
    const result = screen([withSuggestion("  return `Hello, ${name}${note}`;")]);
    expect(result.withheld).toBe(0);
    expect(result.findings[0]?.suggestion?.edit.replacement).toBe("  return `Hello, ${name}${note}`;");
  });

  it.each([
    ["a marker opener", "  return '<!-- patchsmith:paused -->';", "HTML comment opener"],
    ["a secret-shaped token", `  return '${c.githubToken}';`, "holds a secret"],
    ["a secret found in the change", `  return '${c.password}';`, "holds a secret"],
    ["the mask's stand-in", "  return '[redacted secret]';", "holds a secret"],
    ["bidi controls (Trojan Source)", "  return 'Hello, \u202e' + name;", "text-direction"],
    ["a zero-width character", "  return 'Hel\u200blo, ' + name;", "invisible"],
  ])("withholds any fix whose code holds %s, keeping the finding as plain text", (_name, replacement, why) => {
    for (const origin of ["eslint", "typescript", "model"] as const) {
      const result = screen([withSuggestion(replacement, origin)]);
      expect(result.withheld).toBe(1);
      expect(result.findings[0]?.suggestion).toBeUndefined();
      expect(result.findings[0]?.advice).toContain(why);
      expect(result.findings[0]).toMatchObject({ path: "src/a.ts", startLine: 3, line: 3, message: "m" });
    }
  });

  it.each([
    ["a URL", "  return 'https://evil.example/?' + name;"],
    ["an environment read", "  return String(process.env.GITHUB_TOKEN) + name + note;"],
    ["a network call", "  void fetch('/x'); return 'Hello, ' + name + note;"],
    ["a subprocess", "  execSync('id'); return 'Hello, ' + name + note;"],
    ["dynamic code", "  return eval('name') + note;"],
    ["a module load", "  return require('os').userInfo().username + note;"],
    ["file-system access", "  fs.writeFileSync('/tmp/x', name); return note;"],
    ["cookies or browser storage", "  return document.cookie + name + note;"],
  ])("withholds a model edit that adds %s the replaced lines did not have", (label, replacement) => {
    const result = screen([withSuggestion(replacement)]);
    expect(result.withheld).toBe(1);
    expect(result.findings[0]?.advice).toContain(`it adds ${label}`);
    // The same edit from a deterministic fixer is ESLint's or TypeScript's own and passes.
    expect(screen([withSuggestion(replacement, "eslint")]).withheld).toBe(0);
  });

  it("withholds a model edit that only changes lines the pull request did not add", () => {
    const result = screen([withSuggestion("  return 'Hi, ' + name + note;")], [2]);
    expect(result.findings[0]?.advice).toContain("it changes only lines this pull request did not change");
    // Without the added lines (a fix a person asked for on chosen lines) the check does not apply.
    expect(screenFindings({ findings: [withSuggestion("  return 'Hi, ' + name + note;")], headText: () => HEAD, mask: (t) => t }).withheld).toBe(0);
  });

  it("masks secrets in every message, advice and title", () => {
    const finding: Finding = { ...withSuggestion("  return 'Hi, ' + name + note;"), message: `Type '"${c.password}"' is wrong`, advice: `see ${c.githubToken}` };
    const [screened] = screen([finding]).findings;
    expect(screened?.message).toBe(`Type '"[redacted secret]"' is wrong`);
    expect(screened?.advice).toBe("see [redacted secret]");
  });
});

describe("findRiskyAdditions", () => {
  it("names only what is new: an edit keeping a URL or an env read the line already had is fine", () => {
    expect(findRiskyAdditions("const u = 'https://api.example.com/' + process.env.USER;", "const url = 'https://api.example.com/' + process.env.USER;")).toEqual([]);
    expect(findRiskyAdditions("const u = 'https://api.example.com/';", "const u = 'https://api.example.org/';")).toEqual(["a URL"]);
    expect(findRiskyAdditions("", "import x from 'y';\nconst z = await import('w');")).toEqual(["a module load"]);
  });
});
