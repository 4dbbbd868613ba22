const NUMBERED = /^\s*\d+ \|[> ]?/;

/**
 * The replacement without the `  12 |>` prefixes of the numbered listing the
 * prompt showed, when the model copied them onto every line it wrote.
 */
export function stripLineNumbers(replacement: string): string {
  const lines = replacement.split("\n");
  if (!lines.every((line) => line.trim() === "" || NUMBERED.test(line))) return replacement;
  return lines.map((line) => line.replace(NUMBERED, "")).join("\n");
}
