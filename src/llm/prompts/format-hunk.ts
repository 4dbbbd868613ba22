import type { Hunk } from "../../types.js";

/**
 * Render a hunk with new-side line numbers, so the model can name lines:
 * `  12 |+added`, `  13 | context`, `     |-deleted`. With the file's text,
 * `contextLines` unchanged lines before and after the hunk are shown too.
 */
export function formatHunk(hunk: Hunk, fileLines: readonly string[] | undefined, contextLines: number): string {
  const lastNewLine = hunk.newStart + Math.max(hunk.newLines, 1) - 1;
  const width = String(lastNewLine + contextLines).length;
  const numbered = (line: number, marker: string, text: string): string => `${String(line).padStart(width)} |${marker}${text}`;
  const out: string[] = [];
  if (fileLines !== undefined && contextLines > 0) {
    for (let line = Math.max(1, hunk.newStart - contextLines); line < hunk.newStart; line += 1) {
      out.push(numbered(line, " ", fileLines[line - 1] ?? ""));
    }
  }
  out.push(hunk.header);
  for (const line of hunk.lines) {
    if (line.kind === "del") out.push(`${" ".repeat(width)} |-${line.content}`);
    else out.push(numbered(line.newLine ?? 0, line.kind === "add" ? "+" : " ", line.content));
  }
  if (fileLines !== undefined && contextLines > 0) {
    const end = Math.min(fileLines.length, lastNewLine + contextLines);
    for (let line = lastNewLine + 1; line <= end; line += 1) out.push(numbered(line, " ", fileLines[line - 1] ?? ""));
  }
  return out.join("\n");
}
