import type { Row } from "./rows.js";

/** The label of the newest row (rows are sorted newest first). */
export function latestLabel(rows: readonly Row[]): string {
  const newest = rows[0];
  return newest.label.trim();
}
