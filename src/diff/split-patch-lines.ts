/**
 * Split patch text into lines: a final newline does not make an extra empty
 * line, and carriage returns at the end of a line (CRLF files, or a diff saved
 * with Windows line endings) are dropped.
 */
export function splitPatchLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n").map((line) => line.replace(/\r+$/, ""));
  if (text.endsWith("\n")) lines.pop();
  return lines;
}
