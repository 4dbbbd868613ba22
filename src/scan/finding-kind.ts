/** The kind untested exports are counted under. */
export const UNTESTED_KIND = "untested";

/** The kind of a finding, for counting: the family of its rule ("eslint/no-undef" → "eslint"). */
export function findingKind(rule: string): string {
  const kind = rule.split("/")[0]?.toLowerCase() ?? "";
  return /^[a-z][a-z0-9-]{0,30}$/.test(kind) ? kind : "other";
}

const LABELS: Readonly<Record<string, string>> = {
  eslint: "ESLint",
  ts: "TypeScript",
  model: "Model review",
  tests: "Untested exports",
  untested: "Untested exports",
  other: "Other",
};

/** A kind's name in the report. */
export function findingKindLabel(kind: string): string {
  return LABELS[kind] ?? kind.charAt(0).toUpperCase() + kind.slice(1);
}
