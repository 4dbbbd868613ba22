export type BlockPiece =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "block"; readonly info: string; readonly code: string };

const OPENING = /^(\s*)(`{3,}|~{3,})(.*)$/;

/**
 * Cut markdown into runs of ordinary lines and fenced code blocks. A fence is
 * recognised at any indentation (the caller re-emits it at column 0, so what
 * matters is only that each piece is then rendered as what it was taken for);
 * an unclosed fence runs to the end, as in CommonMark. The code loses up to
 * the opening fence's indentation.
 */
export function splitCodeBlocks(text: string): BlockPiece[] {
  const lines = text.split("\n");
  const pieces: BlockPiece[] = [];
  let plain: string[] = [];
  const flush = (): void => {
    if (plain.length > 0) pieces.push({ kind: "text", text: plain.join("\n") });
    plain = [];
  };
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? "";
    const match = OPENING.exec(line);
    const [, indent = "", fence = "", info = ""] = match ?? [];
    // A backtick fence's info string cannot hold a backtick: "```a```" is inline code.
    if (!match || (fence.startsWith("`") && info.includes("`"))) {
      plain.push(line);
      continue;
    }
    flush();
    const closing = new RegExp(`^\\s*${fence.charAt(0)}{${fence.length},}\\s*$`);
    const code: string[] = [];
    index += 1;
    while (index < lines.length && !closing.test(lines[index] ?? "")) {
      code.push(removeIndent(lines[index] ?? "", indent.length));
      index += 1;
    }
    pieces.push({ kind: "block", info: info.trim(), code: code.join("\n") });
  }
  flush();
  return pieces;
}

function removeIndent(line: string, width: number): string {
  let index = 0;
  while (index < width && line.charAt(index) === " ") index += 1;
  return line.slice(index);
}
