import type { Diagnostic } from "../types.js";

/** A diagnostic line as prompts and reports print it: "16:7 error eslint/prefer-const", "line 3:1 warning ts/TS2322". */
const QUOTED_DIAGNOSTIC = /\b\d+:\d+\s+(?:error|warning|info)\b|(?:^|[\s(`"'])(?:eslint|ts)\/[@\w-]+|\bTS\d{4,5}\b/i;
/** Diagnostics about a name that does not exist (TypeScript) or is not defined (ESLint). */
const NAME_CODES = new Set(["TS2304", "TS2305", "TS2339", "TS2551", "TS2552", "TS2561", "TS2724", "TS2349", "no-undef"]);
const STOP_WORDS = new Set(["the", "and", "for", "this", "that", "with", "not", "are", "was", "its", "it's", "has", "have", "can", "should", "could", "would", "will", "from", "into", "line", "value", "code"]);

/**
 * Whether a model finding restates a diagnostic ESLint or TypeScript already
 * reported on its lines or the line next to them, decided in code whatever
 * the prompt said: a quoted diagnostic ("16:7 error eslint/prefer-const", a
 * rule id, a TS code), a name the diagnostic quotes, or mostly the same words.
 */
export function echoesDiagnostic(finding: { readonly path: string; readonly startLine: number; readonly line: number; readonly message: string }, diagnostics: readonly Diagnostic[]): boolean {
  const inFile = diagnostics.filter((d) => d.path === finding.path);
  if (inFile.length === 0) return false;
  if (QUOTED_DIAGNOSTIC.test(finding.message)) return true;
  const near = inFile.filter((d) => d.line >= finding.startLine - 1 && d.line <= finding.line + 1);
  const message = finding.message.toLowerCase();
  const words = wordsOf(finding.message);
  return near.some((d) => {
    if (message.includes(d.code.toLowerCase()) || message.includes(d.message.toLowerCase().replace(/\.$/, ""))) return true;
    // On the line of a diagnostic about a name ("Cannot find name 'formatPrice'", "Property 'reduce' does not exist"),
    // a finding that names it is about the same thing.
    const sameLine = NAME_CODES.has(d.code) && d.line >= finding.startLine && d.line <= finding.line;
    const quoted = [...d.message.matchAll(/'([^'\s]{2,})'/g)].map((match) => match[1] ?? "").filter((name) => /^[\w$.]+$/.test(name) && !/^(?:string|number|boolean|any|unknown|never|void|null|undefined|object)$/.test(name));
    if (sameLine && quoted.some((name) => new RegExp(`(?<![\\w$])${name.replace(/[.$]/g, "\\$&")}(?![\\w$])`).test(finding.message))) return true;
    const theirs = wordsOf(d.message);
    const shared = [...theirs].filter((word) => words.has(word)).length;
    return shared >= 2 && shared / Math.min(theirs.size, words.size) >= 0.5;
  });
}

function wordsOf(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9_$]+/)
      .filter((word) => word.length >= 3 && !STOP_WORDS.has(word)),
  );
}
