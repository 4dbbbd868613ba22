import { readModuleReferences } from "../analyze/read-module-references.js";
import { resolveRelativeImport } from "../workspace/resolve-relative-import.js";
import type { ContextFile } from "../llm/prompts/likelihood-prefix.js";

/** Modules shown before a file, at most. */
const MAX_FILES = 4;
/** Characters of the modules shown, at most, in all (each one's start: declarations come first in most modules). */
const MAX_CHARS = 2000;
/** Lines of the file shown before a scored line: at least this many, and less than this many more. */
const RECENT_LINES = 40;
const STEP_LINES = 20;

/**
 * The modules a file imports by relative path, in import order, shown before
 * it when its lines are scored: the types and names it uses (a `quantity`
 * beside `unitPriceCents`) are what make a slip unlikely to a model. Each is
 * cut to its first characters, at a line end.
 */
export function contextFilesFor(path: string, text: string, getText: (path: string) => string | undefined, known: ReadonlySet<string>): ContextFile[] {
  const out: ContextFile[] = [];
  let left = MAX_CHARS;
  for (const entry of readModuleReferences(path, text).imports) {
    const target = resolveRelativeImport(path, entry.specifier, known);
    if (target === undefined || out.some((file) => file.path === target)) continue;
    const body = getText(target);
    if (body === undefined) continue;
    const shown = cut(body, left);
    if (shown === "") break;
    out.push({ path: target, text: shown });
    left -= shown.length;
    if (out.length === MAX_FILES) break;
  }
  return out;
}

/**
 * The end of a file's text before a scored line: the whole of it near the
 * file's start, else from a line at least RECENT_LINES back, chosen on a grid
 * of STEP_LINES so that the lines scored after it share that start (and the
 * model's cache of it). A scored line deep in a long file costs what one near
 * the top does.
 */
export function recentText(textBefore: string): string {
  const starts = [0];
  for (let i = textBefore.indexOf("\n"); i >= 0 && i + 1 < textBefore.length; i = textBefore.indexOf("\n", i + 1)) starts.push(i + 1);
  const line = starts.length;
  if (line <= RECENT_LINES) return textBefore;
  const first = Math.floor((line - RECENT_LINES) / STEP_LINES) * STEP_LINES;
  return textBefore.slice(starts[first] ?? 0);
}

function cut(text: string, most: number): string {
  if (text.length <= most) return text;
  const end = text.lastIndexOf("\n", most);
  return end > 0 ? text.slice(0, end + 1) : "";
}
