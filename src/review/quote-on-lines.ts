/**
 * Whether the code a model finding quotes stands on the lines it names (a
 * cheap guard against invented lines and invented APIs). Whitespace and
 * wrapping backticks do not count; an empty quote is not on any line.
 */
export function quoteOnLines(params: { readonly quote: string; readonly fileText: string | undefined; readonly startLine: number; readonly line: number }): boolean {
  if (params.fileText === undefined) return false;
  const quote = squash(params.quote.trim().replace(/^`+|`+$/g, ""));
  if (quote === "") return false;
  const lines = params.fileText.split(/\r?\n/).slice(params.startLine - 1, params.line);
  return squash(lines.join("\n")).includes(quote);
}

function squash(text: string): string {
  return text.replace(/\s+/g, "");
}
