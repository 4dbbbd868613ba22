import { readModuleReferences } from "../analyze/read-module-references.js";
import { resolveRelativeImport } from "../workspace/resolve-relative-import.js";
import type { ContextFile } from "../llm/prompts/likelihood-prefix.js";

/** Modules shown before a file, at most. */
const MAX_FILES = 4;
/** Characters of one module shown, at most (its start: declarations come first in most modules). */
const MAX_CHARS = 3000;

/**
 * The modules a file imports by relative path, in import order, shown before
 * it when its lines are scored: the types and names it uses (a `quantity`
 * beside `unitPriceCents`) are what make a slip unlikely to a model. Each is
 * cut to its first characters, at a line end.
 */
export function contextFilesFor(path: string, text: string, getText: (path: string) => string | undefined, known: ReadonlySet<string>): ContextFile[] {
  const out: ContextFile[] = [];
  for (const entry of readModuleReferences(path, text).imports) {
    const target = resolveRelativeImport(path, entry.specifier, known);
    if (target === undefined || out.some((file) => file.path === target)) continue;
    const body = getText(target);
    if (body === undefined) continue;
    out.push({ path: target, text: cut(body) });
    if (out.length === MAX_FILES) break;
  }
  return out;
}

function cut(text: string): string {
  if (text.length <= MAX_CHARS) return text;
  const end = text.lastIndexOf("\n", MAX_CHARS);
  return text.slice(0, end > 0 ? end + 1 : MAX_CHARS);
}
