/** Lines from..to (1-based, inclusive, clamped to the file) prefixed with their numbers: `  12 | text`. */
export function numberLines(lines: readonly string[], from: number, to: number, mark?: (line: number) => boolean): string {
  const start = Math.max(1, from);
  const end = Math.min(lines.length, to);
  const width = String(end).length;
  const out: string[] = [];
  for (let line = start; line <= end; line += 1) {
    out.push(`${String(line).padStart(width)} |${mark?.(line) === true ? ">" : " "}${lines[line - 1] ?? ""}`);
  }
  return out.join("\n");
}
