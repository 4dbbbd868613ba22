/**
 * Concatenate pieces of rendered inline markdown so that none changes the
 * meaning of its neighbour: a space goes between two backticks that would
 * otherwise merge into one longer run (and re-pair code spans), and a piece
 * ending in an odd number of backslashes gets one more, so it cannot escape
 * the first character of the next piece.
 */
export function joinMarkdown(pieces: readonly string[]): string {
  let result = "";
  for (const piece of pieces) {
    if (piece === "") continue;
    if (result.endsWith("`") && piece.startsWith("`")) result += " ";
    else if (trailingBackslashes(result) % 2 === 1) result += "\\";
    result += piece;
  }
  return result;
}

function trailingBackslashes(text: string): number {
  let count = 0;
  while (text.charAt(text.length - 1 - count) === "\\") count += 1;
  return count;
}
