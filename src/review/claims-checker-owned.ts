/**
 * Claims the compiler and the linter decide, not the model: that a name is
 * not defined, not declared or not imported, or that a property does not
 * exist. Where such a problem is real, TypeScript or ESLint reports it (with
 * the repository's own environment, or a notice saying what was not
 * checked); where they are silent, the model's claim is false. A small model
 * makes it often (the 1.5B on the demo: "`DISCOUNTS` is not defined" of a
 * constant declared three lines above), so it is dropped in code.
 */
const CHECKER_OWNED = [
  /\b(?:is|are|was|were)\s+(?:not|never)\s+(?:defined|declared|imported)\b/i,
  /\b(?:undefined|undeclared|unknown)\s+(?:variable|name|identifier|function|constant|symbol)\b/i,
  /\bdoes\s+not\s+exist\s+(?:on|in)\b/i,
  /\bcannot\s+find\s+name\b/i,
];

export function claimsCheckerOwned(message: string): boolean {
  return CHECKER_OWNED.some((pattern) => pattern.test(message));
}
