const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  a: 0x07,
  b: 0x08,
  t: 0x09,
  n: 0x0a,
  v: 0x0b,
  f: 0x0c,
  r: 0x0d,
  '"': 0x22,
  "\\": 0x5c,
};

/**
 * Git writes a path that holds unusual bytes (non-ASCII, tab, quote,
 * backslash) as a C-style quoted string: `"src/caf\303\251.ts"`. This turns it
 * back into the path (UTF-8). Unquoted input comes back unchanged; a broken
 * escape is kept as written rather than thrown on.
 */
export function unquoteGitPath(text: string): string {
  if (text.length < 2 || !text.startsWith('"') || !text.endsWith('"')) return text;
  const bytes: number[] = [];
  const body = text.slice(1, -1);
  let index = 0;
  while (index < body.length) {
    const char = body[index] ?? "";
    if (char !== "\\") {
      const codePoint = body.codePointAt(index) ?? 0;
      const literal = String.fromCodePoint(codePoint);
      bytes.push(...Buffer.from(literal, "utf8"));
      index += literal.length;
      continue;
    }
    const octal = /^[0-7]{3}/.exec(body.slice(index + 1, index + 4));
    if (octal) {
      bytes.push(Number.parseInt(octal[0], 8) & 0xff);
      index += 4;
      continue;
    }
    const escaped = SIMPLE_ESCAPES[body[index + 1] ?? ""];
    if (escaped === undefined) {
      bytes.push(0x5c);
      index += 1;
      continue;
    }
    bytes.push(escaped);
    index += 2;
  }
  return Buffer.from(bytes).toString("utf8");
}
