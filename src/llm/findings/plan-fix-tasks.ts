import { findHunkForRange } from "../../diff/commentable-lines.js";
import type { Diagnostic, FileDiff } from "../../types.js";

/** Lines of one file the model is asked to rewrite so that its diagnostics go away. */
export interface FixTask {
  readonly file: FileDiff;
  readonly startLine: number;
  readonly endLine: number;
  /** The diagnostics to remove, the first one the target; all inside the lines. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Diagnostics this many lines apart (or closer) share a task. */
const NEARBY = 2;
const MAX_PER_TASK = 3;
/** A diagnostic spanning more lines than this is not a job for a few-line rewrite. */
const MAX_LINES = 12;

/**
 * Fix tasks for the diagnostics the checkers found and no deterministic fix
 * removed: the lines of each diagnostic, with nearby diagnostics of the same
 * file sharing one task when the lines stay inside one hunk of the change.
 */
export function planFixTasks(unfixed: readonly { readonly diagnostic: Diagnostic; readonly file: FileDiff }[]): FixTask[] {
  const tasks: FixTask[] = [];
  const byPath = new Map<string, { file: FileDiff; diagnostics: Diagnostic[] }>();
  for (const { diagnostic, file } of unfixed) {
    if (diagnostic.endLine - diagnostic.line + 1 > MAX_LINES) continue;
    const entry = byPath.get(file.path) ?? { file, diagnostics: [] };
    entry.diagnostics.push(diagnostic);
    byPath.set(file.path, entry);
  }
  for (const { file, diagnostics } of byPath.values()) {
    const sorted = [...diagnostics].sort((a, b) => a.line - b.line || a.column - b.column);
    let current: { startLine: number; endLine: number; diagnostics: Diagnostic[] } | undefined;
    for (const diagnostic of sorted) {
      const endLine = Math.max(diagnostic.line, diagnostic.endLine);
      if (
        current !== undefined &&
        diagnostic.line <= current.endLine + NEARBY &&
        current.diagnostics.length < MAX_PER_TASK &&
        findHunkForRange(file, current.startLine, Math.max(current.endLine, endLine)) !== undefined
      ) {
        current.endLine = Math.max(current.endLine, endLine);
        current.diagnostics.push(diagnostic);
        continue;
      }
      if (current !== undefined) tasks.push({ file, ...current });
      current = findHunkForRange(file, diagnostic.line, endLine) === undefined ? undefined : { startLine: diagnostic.line, endLine, diagnostics: [diagnostic] };
    }
    if (current !== undefined) tasks.push({ file, ...current });
  }
  return tasks;
}
