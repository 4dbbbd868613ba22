/**
 * Characters that render as nothing (or reorder what is around them) and can
 * hide text from a reader or from our own filters: zero-width spaces and
 * joiners, bidi controls, soft hyphens, Unicode tag characters ("ASCII
 * smuggling"), supplementary variation selectors, noncharacters and C0/C1
 * control characters other than tab and newline.
 */
function isInvisible(codePoint: number): boolean {
  if (codePoint === 0x09 || codePoint === 0x0a) return false;
  return (
    codePoint <= 0x1f ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    codePoint === 0xad ||
    codePoint === 0x34f ||
    codePoint === 0x61c ||
    codePoint === 0x115f ||
    codePoint === 0x1160 ||
    codePoint === 0x180e ||
    (codePoint >= 0x200b && codePoint <= 0x200f) ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2060 && codePoint <= 0x206f) ||
    codePoint === 0x3164 ||
    (codePoint >= 0xfdd0 && codePoint <= 0xfdef) ||
    codePoint === 0xfeff ||
    codePoint === 0xffa0 ||
    (codePoint >= 0xfff0 && codePoint <= 0xfffb) ||
    (codePoint >= 0xe0000 && codePoint <= 0xe007f) ||
    (codePoint >= 0xe0100 && codePoint <= 0xe01ef)
  );
}

/** Normalise line endings to "\n", turn line/paragraph separators into newlines, and drop invisible characters. */
export function removeInvisibleCharacters(text: string): string {
  let result = "";
  for (const char of text.replace(/\r\n?/g, "\n").replace(/[\u2028\u2029]/g, "\n")) {
    if (!isInvisible(char.codePointAt(0) ?? 0)) result += char;
  }
  return result;
}
