const OPENING = /^\s*(`{3,}|~{3,})[\w+.#-]*[^\S\n]*$/;

/**
 * Code without the markdown fence a model wrapped around it: the lines between
 * an opening ```` ```lang ```` line and its closing fence (prose after the
 * closing fence is dropped). Text with no fence on its first non-blank line is
 * returned as it is, so code that merely contains backticks is left alone.
 */
export function unwrapFence(text: string): string {
  const lines = text.split(/\r?\n/);
  const first = lines.findIndex((line) => line.trim() !== "");
  if (first === -1) return text;
  const opening = OPENING.exec(lines[first] ?? "");
  if (opening?.[1] === undefined) return text;
  const marker = opening[1];
  const closing = lines.findIndex((line, index) => index > first && line.trim().startsWith(marker) && line.trim().replaceAll(marker[0] ?? "`", "") === "");
  const body = lines.slice(first + 1, closing === -1 ? lines.length : closing);
  return body.join("\n");
}
