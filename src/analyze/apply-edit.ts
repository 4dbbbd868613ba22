import type { Edit } from "../types.js";

/** Thrown when an edit's line range does not exist in the file. */
export class EditRangeError extends Error {
  override readonly name = "EditRangeError";
}

/** Split text into lines, remembering the line ending and whether it ended with one. */
export function splitLines(text: string): { lines: string[]; eol: string; finalNewline: boolean } {
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const finalNewline = text.endsWith("\n");
  const body = finalNewline ? text.slice(0, text.endsWith("\r\n") ? -2 : -1) : text;
  return { lines: body === "" && !finalNewline ? [] : body.split(/\r?\n/), eol, finalNewline };
}

/** Apply a whole-line edit to a file's text; the file keeps its line endings. */
export function applyEdit(text: string, edit: Edit): string {
  const { lines, eol, finalNewline } = splitLines(text);
  if (edit.startLine < 1 || edit.endLine < edit.startLine || edit.endLine > lines.length) {
    throw new EditRangeError(`${edit.path}: lines ${edit.startLine}-${edit.endLine} do not exist (the file has ${lines.length} lines).`);
  }
  const replacement = edit.deletion === true ? [] : edit.replacement.split(/\r?\n/);
  const next = [...lines.slice(0, edit.startLine - 1), ...replacement, ...lines.slice(edit.endLine)];
  return next.join(eol) + (finalNewline && next.length > 0 ? eol : "");
}
