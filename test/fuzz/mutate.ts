import { seededRandom } from "../security/fake-credentials.js";

export { seededRandom };

const PIECES = ["\n", "@@", "@@ -1,2 +1,3 @@", "+", "-", " ", "\\ No newline at end of file", "\r\n", "\0", "\u202e", "💥", "\\", "diff --git a/x b/x", "--- a/x", "+++ b/x", "Binary files differ", "999999999999", "-1", ":", "{", "}", "[", "]", '"', "null", "true", "*a", "&a", "!!js/function", "<<: *a"];

/** One random edit of `text`: cut, repeat, insert a fragment that matters to parsers, swap lines, or truncate. */
export function mutate(text: string, random: () => number): string {
  const at = Math.floor(random() * (text.length + 1));
  const span = Math.floor(random() * Math.min(40, text.length + 1));
  const piece = PIECES[Math.floor(random() * PIECES.length)] ?? "";
  switch (Math.floor(random() * 6)) {
    case 0:
      return text.slice(0, at) + text.slice(at + span);
    case 1:
      return text.slice(0, at) + text.slice(at, at + span).repeat(2 + Math.floor(random() * 3)) + text.slice(at);
    case 2:
      return text.slice(0, at) + piece + text.slice(at);
    case 3: {
      const lines = text.split("\n");
      const i = Math.floor(random() * lines.length);
      const j = Math.floor(random() * lines.length);
      [lines[i], lines[j]] = [lines[j] ?? "", lines[i] ?? ""];
      return lines.join("\n");
    }
    case 4:
      return text.slice(0, at);
    default:
      return text.slice(0, at) + randomText(random, 1 + Math.floor(random() * 20)) + text.slice(at);
  }
}

/** Several mutations in a row. */
export function mutateMany(text: string, random: () => number, times = 1 + Math.floor(random() * 4)): string {
  let result = text;
  for (let i = 0; i < times; i += 1) result = mutate(result, random);
  return result;
}

/** Random characters: printable ASCII mostly, some control and non-ASCII. */
export function randomText(random: () => number, length: number): string {
  let text = "";
  for (let i = 0; i < length; i += 1) {
    const roll = random();
    text += roll < 0.8 ? String.fromCharCode(32 + Math.floor(random() * 95)) : roll < 0.9 ? "\n" : String.fromCodePoint(Math.floor(random() * 0x2fff));
  }
  return text;
}
