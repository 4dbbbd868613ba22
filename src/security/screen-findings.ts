import { REDACTED_SECRET } from "./redact-secrets.js";
import { removeInvisibleCharacters } from "./remove-invisible-characters.js";
import type { Finding, Fix } from "../types.js";
import { findRiskyAdditions } from "./find-risky-additions.js";

export interface ScreenFindingsParams {
  readonly findings: readonly Finding[];
  /** The head version of a file, for the lines a suggestion would replace. */
  readonly headText: (path: string) => string | undefined;
  /** Masks the secrets found in this change and every secret-shaped string, keeping the lines. */
  readonly mask: (text: string) => string;
  /**
   * The new-side lines the change added to a file. Given, a model's suggestion
   * must change at least one of them; leave it out where a person chose the
   * lines (a fix asked for in a thread).
   */
  readonly addedLines?: (path: string) => ReadonlySet<number>;
}

export interface ScreenFindingsResult {
  readonly findings: Finding[];
  /** Suggestions taken back (their findings stay, as plain text). */
  readonly withheld: number;
}

/**
 * The last look at findings before they are rendered:
 *  1. secrets are masked in every message, advice and suggestion title
 *     (a diagnostic can quote the literal it is about);
 *  2. a suggestion is withheld, its finding kept, when its code would post a
 *     secret, an HTML comment opener (which could forge our markers), text
 *     masked for the model, or invisible and text-direction characters the
 *     replaced lines did not have (Trojan Source);
 *  3. a model's suggestion is also withheld when it changes only lines the
 *     pull request did not add (a "fix" to unchanged code next to the change,
 *     such as an access check), or when it adds a URL, an environment read, a
 *     network call, a subprocess, dynamic code, a module load, file writes or
 *     cookie access that the replaced lines did not have: what an injected
 *     instruction to plant a backdoor or exfiltrate something would need.
 */
export function screenFindings(params: ScreenFindingsParams): ScreenFindingsResult {
  let withheld = 0;
  const findings = params.findings.map((finding): Finding => {
    const masked: Finding = {
      ...finding,
      message: params.mask(finding.message),
      ...(finding.advice === undefined ? {} : { advice: params.mask(finding.advice) }),
      ...(finding.suggestion ? { suggestion: { ...finding.suggestion, title: params.mask(finding.suggestion.title) } } : {}),
    };
    const suggestion = finding.suggestion;
    if (suggestion === undefined) return masked;
    const reason = unsafeReason(suggestion, originalLines(params.headText(suggestion.edit.path), suggestion), params.mask, params.addedLines?.(suggestion.edit.path));
    if (reason === undefined) return masked;
    withheld += 1;
    const note = `A suggested edit was withheld because ${reason}.`;
    return {
      path: masked.path,
      startLine: masked.startLine,
      line: masked.line,
      severity: masked.severity,
      rule: masked.rule,
      message: masked.message,
      advice: masked.advice === undefined ? note : `${masked.advice} ${note}`,
    };
  });
  return { findings, withheld };
}

function unsafeReason(fix: Fix, original: string, mask: (text: string) => string, added: ReadonlySet<number> | undefined): string | undefined {
  const code = fix.edit.replacement;
  if (code.includes("<!--")) return "its code holds an HTML comment opener, which could forge patchsmith's hidden markers";
  if (code.includes(REDACTED_SECRET) || mask(code) !== code) return "its code holds a secret, or text standing in for one";
  // Trojan Source: bidi controls and zero-width characters make code read differently from what it does.
  if (removeInvisibleCharacters(code.replace(/\t/g, " ")) !== code.replace(/\r\n/g, "\n").replace(/\t/g, " ") && removeInvisibleCharacters(original) === original.replace(/\r\n/g, "\n")) {
    return "its code holds invisible or text-direction characters, which can make code read differently from what it does";
  }
  if (fix.origin !== "model") return undefined;
  let touchesAdded = added === undefined;
  for (let line = fix.edit.startLine; line <= fix.edit.endLine && !touchesAdded; line += 1) touchesAdded = added?.has(line) === true;
  if (!touchesAdded) return "it changes only lines this pull request did not change";
  const risky = findRiskyAdditions(original, code);
  if (risky.length === 0) return undefined;
  return `it adds ${risky.join(", ")} that the lines it replaces did not have; a review fix should not need that, so check the advice by hand`;
}

function originalLines(text: string | undefined, fix: Fix): string {
  if (text === undefined) return "";
  return text.split(/\r?\n/).slice(fix.edit.startLine - 1, fix.edit.endLine).join("\n");
}
