import type { NumberedLine } from "./secret-hit.js";

/**
 * The lines of `headText` that are not in `baseText`, with their head line
 * numbers: the added lines of a file GitHub shows no diff for, recovered from
 * the two versions alone. Lines are compared whole, as a multiset: a line
 * found N times in the base covers N identical head lines (the first ones),
 * so moved lines are not new and a duplicated one is. Line endings do not
 * count (CRLF and LF versions of a line are the same line). Without a base
 * (an added file) every head line is new.
 */
export function recoverAddedLines(headText: string, baseText?: string): NumberedLine[] {
  const remaining = new Map<string, number>();
  for (const line of baseText === undefined ? [] : splitLines(baseText)) remaining.set(line, (remaining.get(line) ?? 0) + 1);
  const added: NumberedLine[] = [];
  splitLines(headText).forEach((text, index) => {
    const count = remaining.get(text) ?? 0;
    if (count > 0) remaining.set(text, count - 1);
    else added.push({ line: index + 1, text });
  });
  return added;
}

/** The lines of a text, without their endings; a final line ending starts no extra line. */
function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === "") lines.pop();
  return lines;
}
