/** A quoted string literal on one line of code: columns are 0-based, `end` is the closing quote's index. */
export interface StringLiteralSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * The single-line string literal ('…', "…", or `…` without `${`) of a line of
 * JavaScript or TypeScript that contains characters from..to (0-based,
 * end exclusive), or undefined when that text is not inside one: in a comment,
 * in a template with substitutions, or in a literal that goes on to the next line.
 */
export function findStringLiteral(line: string, from: number, to: number): StringLiteralSpan | undefined {
  let index = 0;
  while (index < line.length) {
    const char = line.charAt(index);
    if (char === "/" && line.charAt(index + 1) === "/") return undefined;
    if (char === "/" && line.charAt(index + 1) === "*") {
      const close = line.indexOf("*/", index + 2);
      if (close === -1) return undefined;
      index = close + 2;
      continue;
    }
    if (char === '"' || char === "'" || char === "`") {
      const end = closingQuote(line, index, char);
      if (end === undefined) return undefined;
      if (from > index && to <= end) {
        if (char === "`" && line.slice(index, end).includes("${")) return undefined;
        return { start: index, end };
      }
      index = end + 1;
      continue;
    }
    index += 1;
  }
  return undefined;
}

function closingQuote(line: string, open: number, quote: string): number | undefined {
  for (let index = open + 1; index < line.length; index += 1) {
    const char = line.charAt(index);
    if (char === "\\") index += 1;
    else if (char === quote) return index;
  }
  return undefined;
}
