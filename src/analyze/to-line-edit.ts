import type { Edit } from "../types.js";
import { lineEditBetween } from "./line-edit-between.js";

export interface TextChange {
  /** Offset in the original text. */
  readonly start: number;
  readonly end: number;
  readonly newText: string;
}

/**
 * Turn character-range changes (ESLint fixes, TypeScript code fixes) into one
 * whole-line Edit: the smallest run of original lines that covers every
 * change, and what those lines become. Undefined when nothing changes.
 * An insertion is anchored on a neighbouring line, since a suggestion must
 * replace at least one existing line.
 */
export function toLineEdit(path: string, original: string, changes: readonly TextChange[]): Edit | undefined {
  if (changes.length === 0) return undefined;
  const sorted = [...changes].sort((a, b) => b.start - a.start);
  let next = original;
  for (const change of sorted) next = next.slice(0, change.start) + change.newText + next.slice(change.end);
  if (next === original) return undefined;

  return lineEditBetween(path, original, next);
}

