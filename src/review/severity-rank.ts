import type { Severity } from "../types.js";

const RANK: Readonly<Record<Severity, number>> = { error: 3, warning: 2, info: 1 };

/** error 3, warning 2, info 1: higher is more severe. */
export function severityRank(severity: Severity): number {
  return RANK[severity];
}
