/**
 * The replacement indented like the lines it replaces when the model dropped
 * the base indentation (small models often start a fenced block at column 0):
 * when its first non-blank line has no indentation and the first replaced line
 * has, every non-blank line gets that indentation (relative indentation kept).
 */
export function restoreIndentation(replacement: string, replacedFirstLine: string | undefined): string {
  const indent = /^[ \t]*/.exec(replacedFirstLine ?? "")?.[0] ?? "";
  if (indent === "") return replacement;
  const lines = replacement.split("\n");
  const first = lines.find((line) => line.trim() !== "");
  if (first === undefined || /^[ \t]/.test(first)) return replacement;
  return lines.map((line) => (line.trim() === "" ? line : `${indent}${line}`)).join("\n");
}
