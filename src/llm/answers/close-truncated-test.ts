import { parseSource } from "../../analyze/parse-source.js";

/** Most lines searched back from the cut, and most groups closed. */
const MAX_LINES = 400;
const CLOSERS = ["", "});\n", "});\n});\n", "});\n});\n});\n"];
/** A line that ends a case or a group: `});` (or `}));`). */
const ENDS_BLOCK = /^\s*\}\)\)?;?\s*$/;
const TEST_CALL = /\b(?:it|test)\s*\(/;

/**
 * A test file cut off by the answer's token limit, made whole: the longest
 * start of it that ends where a case or a group closes, with the groups still
 * open closed after it, and that parses. The model's first cases are often
 * right when it runs on and on (a repetition loop, a long list of cases);
 * the file then goes through the same validation as any other. Undefined
 * when no such start holds a test case.
 */
export function closeTruncatedTest(path: string, code: string): string | undefined {
  const lines = code.split("\n");
  for (let end = lines.length; end > 0 && end > lines.length - MAX_LINES; end--) {
    if (!ENDS_BLOCK.test(lines[end - 1] ?? "")) continue;
    const start = `${lines.slice(0, end).join("\n")}\n`;
    if (!TEST_CALL.test(start)) return undefined;
    for (const closers of CLOSERS) {
      const candidate = start + closers;
      if (parses(path, candidate)) return candidate;
    }
  }
  return undefined;
}

function parses(path: string, text: string): boolean {
  const source = parseSource(path, text) as unknown as { readonly parseDiagnostics?: readonly unknown[] };
  return (source.parseDiagnostics?.length ?? 0) === 0;
}
