import type { Edit, Hunk } from "../types.js";

/**
 * How the lines of a file's new version relate to its old one: an unchanged
 * line maps to the line it was; a changed line belongs to a region (a
 * replaced range, a hunk's changed lines) that exists on both sides.
 */
export interface LineMap {
  /** The old line an unchanged new line was; undefined for a changed line. */
  toBefore(afterLine: number): number | undefined;
  /** The changed region a new line is in; undefined for an unchanged line. */
  afterRegion(afterLine: number): number | undefined;
  /** The changed region an old line was in; undefined for an unchanged line. */
  beforeRegion(beforeLine: number): number | undefined;
}

/** Nothing changed: every line is itself (a file that imports an edited one). */
export const IDENTITY_LINE_MAP: LineMap = { toBefore: (line) => line, afterRegion: () => undefined, beforeRegion: () => undefined };

/** The map of one whole-line edit: lines above it stay, lines below it shift by its line delta, its lines are one region. */
export function lineMapOfEdit(edit: Edit): LineMap {
  const start = edit.startLine;
  const oldCount = edit.endLine - edit.startLine + 1;
  const newCount = edit.deletion === true ? 0 : edit.replacement.split(/\r?\n/).length;
  const delta = newCount - oldCount;
  return {
    toBefore: (line) => (line < start ? line : line >= start + newCount ? line - delta : undefined),
    afterRegion: (line) => (line >= start && line < start + newCount ? 0 : undefined),
    beforeRegion: (line) => (line >= start && line <= edit.endLine ? 0 : undefined),
  };
}

/**
 * The map of a unified diff's hunks: context lines map to their old line,
 * lines between hunks shift by the hunks above them, and each hunk's added
 * and deleted lines are one region (index of the hunk).
 */
export function lineMapOfHunks(hunks: readonly Hunk[]): LineMap {
  const sorted = [...hunks].sort((a, b) => a.newStart - b.newStart);
  const contextOld = new Map<number, number>();
  const addedIn = new Map<number, number>();
  const deletedIn = new Map<number, number>();
  sorted.forEach((hunk, index) => {
    for (const line of hunk.lines) {
      if (line.kind === "context" && line.newLine !== undefined && line.oldLine !== undefined) contextOld.set(line.newLine, line.oldLine);
      else if (line.kind === "add" && line.newLine !== undefined) addedIn.set(line.newLine, index);
      else if (line.kind === "del" && line.oldLine !== undefined) deletedIn.set(line.oldLine, index);
    }
  });
  return {
    toBefore(line) {
      if (addedIn.has(line)) return undefined;
      const context = contextOld.get(line);
      if (context !== undefined) return context;
      let delta = 0;
      for (const hunk of sorted) {
        if (line < hunk.newStart) break;
        delta += hunk.newLines - hunk.oldLines;
      }
      return line - delta;
    },
    afterRegion: (line) => addedIn.get(line),
    beforeRegion: (line) => deletedIn.get(line),
  };
}
