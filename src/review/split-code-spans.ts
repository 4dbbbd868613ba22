import { ASCII_PUNCTUATION } from "./ascii-punctuation.js";

export type InlinePiece = { readonly kind: "prose"; readonly text: string } | { readonly kind: "code"; readonly text: string };

/**
 * Find inline code spans the way CommonMark does (a backtick run closed by the
 * next run of exactly the same length; a backslash-escaped backtick opens
 * nothing), but conservatively: a span must close on its own line and must
 * not hold "|" (a table would split it into cells). Anything not taken for a
 * span is prose, which the caller escapes, so a span it misses costs only
 * looks. Code pieces keep their backticks.
 */
export function splitCodeSpans(text: string): InlinePiece[] {
  const pieces: InlinePiece[] = [];
  let proseStart = 0;
  let index = 0;
  while (index < text.length) {
    const char = text.charAt(index);
    if (char === "\\" && ASCII_PUNCTUATION.has(text.charAt(index + 1))) {
      index += 2;
      continue;
    }
    if (char !== "`") {
      index += 1;
      continue;
    }
    const runEnd = endOfRun(text, index);
    const close = findCloser(text, runEnd, runEnd - index);
    if (close < 0 || text.slice(runEnd, close).includes("|")) {
      index = runEnd;
      continue;
    }
    if (index > proseStart) pieces.push({ kind: "prose", text: text.slice(proseStart, index) });
    const end = close + (runEnd - index);
    pieces.push({ kind: "code", text: text.slice(index, end) });
    index = end;
    proseStart = end;
  }
  if (proseStart < text.length) pieces.push({ kind: "prose", text: text.slice(proseStart) });
  return pieces;
}

function endOfRun(text: string, start: number): number {
  let end = start;
  while (text.charAt(end) === "`") end += 1;
  return end;
}

/** Start of the next backtick run of exactly `length` on the same line, or -1. */
function findCloser(text: string, from: number, length: number): number {
  let index = from;
  while (index < text.length) {
    const char = text.charAt(index);
    if (char === "\n") return -1;
    if (char !== "`") {
      index += 1;
      continue;
    }
    const end = endOfRun(text, index);
    if (end - index === length) return index;
    index = end;
  }
  return -1;
}
