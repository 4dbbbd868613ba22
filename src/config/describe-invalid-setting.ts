import type { InvalidSetting } from "./parse-settings.js";

/**
 * One sentence on a variable that cannot be used: its name, what it got (never
 * a secret's value) and what it accepts. The wording differs by reader only
 * where messages are already relied on:
 * - "expected": `NAME: expected ACCEPTS, got "TEXT"` (app, queue and scan settings);
 * - "is-not": `NAME=TEXT is not ACCEPTS` (the host's limits);
 * - "not-valid": `NAME=TEXT is not valid: expected ACCEPTS.` (the model settings).
 */
export function describeInvalidSetting(problem: InvalidSetting, style: "expected" | "is-not" | "not-valid"): string {
  const { name, got, accepts } = problem;
  const assigned = got === undefined ? `${name} (value not shown: a secret)` : `${name}=${got}`;
  switch (style) {
    case "expected":
      return `${name}: expected ${accepts}${got === undefined ? "" : `, got ${JSON.stringify(got)}`}`;
    case "is-not":
      return `${assigned} is not ${accepts}`;
    case "not-valid":
      return `${assigned} is not valid: expected ${accepts}.`;
  }
}
