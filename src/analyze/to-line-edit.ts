import type { Edit } from "../types.js";
import { splitLines } from "./apply-edit.js";

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
 */
export function toLineEdit(path: string, original: string, changes: readonly TextChange[]): Edit | undefined {
  if (changes.length === 0) return undefined;
  const sorted = [...changes].sort((a, b) => b.start - a.start);
  let next = original;
  for (const change of sorted) next = next.slice(0, change.start) + change.newText + next.slice(change.end);
  if (next === original) return undefined;

  const before = splitLines(original).lines;
  const after = splitLines(next).lines;
  const first = Math.min(...changes.map((c) => c.start));
  const last = Math.max(...changes.map((c) => c.end));
  const startLine = lineOf(original, first);
  // A change that ends just after a newline ends on the line before it.
  const endOffset = last > first && original.charCodeAt(last - 1) === 10 ? last - 1 : last;
  let endLine = Math.max(lineOf(original, endOffset), startLine);
  // An insertion at the very start of a line (e.g. a new import) still replaces that whole line.
  endLine = Math.min(endLine, Math.max(before.length, 1));
  const trailing = before.length - endLine;
  const replacementLines = after.slice(startLine - 1, after.length - trailing);
  return { path, startLine, endLine, replacement: replacementLines.join("\n") };
}

function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
