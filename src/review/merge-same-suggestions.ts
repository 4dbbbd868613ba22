import type { Finding, Severity } from "../types.js";

const RANK: Readonly<Record<Severity, number>> = { info: 0, warning: 1, error: 2 };

/**
 * Findings whose validated suggestions are the same edit become one finding
 * (one comment, one suggestion block) that names every problem it fixes.
 * Findings without a suggestion pass through unchanged.
 */
export function mergeSameSuggestions(findings: readonly Finding[]): Finding[] {
  const groups = new Map<string, Finding[]>();
  const result: (Finding | string)[] = [];
  for (const finding of findings) {
    const edit = finding.suggestion?.edit;
    if (!edit) {
      result.push(finding);
      continue;
    }
    const key = `${edit.path}\u0000${edit.startLine}\u0000${edit.endLine}\u0000${edit.replacement}`;
    const group = groups.get(key);
    if (group) group.push(finding);
    else {
      groups.set(key, [finding]);
      result.push(key);
    }
  }
  return result.map((entry) => (typeof entry === "string" ? merge(groups.get(entry) ?? []) : entry));
}

function merge(group: readonly Finding[]): Finding {
  const [first, ...rest] = group;
  if (!first) throw new Error("mergeSameSuggestions: empty group");
  if (rest.length === 0) return first;
  const severity = group.reduce<Severity>((worst, f) => (RANK[f.severity] > RANK[worst] ? f.severity : worst), first.severity);
  const also = rest.map((f) => `${f.message} (${f.rule})`);
  return { ...first, severity, message: `${first.message}\n\nThe same change also fixes: ${also.join("; ")}` };
}
