import type { Diagnostic } from "../types.js";

/** A rule with at least this many violations in the unchanged code under review is one the repository does not follow. */
export const QUIET_RULE_THRESHOLD = 3;

/**
 * The ESLint rules this pull request should not be held to: those whose
 * violations already stand `threshold` times or more in the base versions of
 * the files under review (the repository does not follow them), except rules
 * the repository's own patchsmith config sets explicitly (its word wins).
 * Rule → how many times it stands in the base.
 */
export function findQuietRules(params: {
  readonly baseDiagnostics: readonly Diagnostic[];
  /** Rules named in `.github/patchsmith.yml` `rules`. */
  readonly configured: ReadonlySet<string>;
  readonly threshold?: number;
}): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of params.baseDiagnostics) {
    if (d.source !== "eslint" || params.configured.has(d.code)) continue;
    counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
  }
  const threshold = params.threshold ?? QUIET_RULE_THRESHOLD;
  return new Map([...counts].filter(([, count]) => count >= threshold));
}
