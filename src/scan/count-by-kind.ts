import type { Finding } from "../types.js";
import { findingKind, UNTESTED_KIND } from "./finding-kind.js";

/** Findings counted by kind, in first-seen order, and untested exports as one more kind. */
export function countByKind(findings: readonly Finding[], untested = 0): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const finding of findings) {
    const kind = findingKind(finding.rule);
    counts[kind] = (counts[kind] ?? 0) + 1;
  }
  if (untested > 0) counts[UNTESTED_KIND] = (counts[UNTESTED_KIND] ?? 0) + untested;
  return counts;
}
