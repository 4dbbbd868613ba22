/**
 * The replacement without the surrounding lines a model copied into it: small
 * models asked to rewrite lines a-b often answer with the whole function or
 * file. When the answer is longer than the range and begins with the lines
 * just above it (or ends with the lines just below it) — the same text,
 * indentation and blank lines aside — those lines are cut off.
 */
export function trimEchoedContext(replacement: string, fileText: string, startLine: number, endLine: number): string {
  const answer = replacement.split("\n");
  if (answer.length <= endLine - startLine + 1) return replacement;
  const file = fileText.split(/\r?\n/);
  const above = file.slice(0, startLine - 1);
  const below = file.slice(endLine);
  const lead = echoedCount(answer, above.toReversed(), "leading");
  const rest = answer.slice(lead);
  const trail = echoedCount(rest.toReversed(), below, "trailing");
  const kept = rest.slice(0, rest.length - trail);
  return kept.some((line) => line.trim() !== "") ? kept.join("\n") : replacement;
}

/**
 * How many of `answer`'s first lines (read from the range outwards when
 * `direction` is "trailing", else from the top) copy `context`, the file's
 * lines read from the range outwards. Leading lines must end right at the
 * range: the answer's lines before the first that differs are matched
 * backwards against the lines above it.
 */
function echoedCount(answer: readonly string[], context: readonly string[], direction: "leading" | "trailing"): number {
  const same = (a: string, b: string): boolean => a.trim() === b.trim();
  const nonBlank = context.filter((line) => line.trim() !== "");
  if (direction === "trailing") {
    let matched = 0;
    let next = 0;
    for (const line of answer) {
      if (line.trim() === "") {
        matched++;
        continue;
      }
      if (next < nonBlank.length && same(line, nonBlank[next] ?? "")) {
        matched++;
        next++;
      } else break;
    }
    return next === 0 ? 0 : matched;
  }
  // Leading: the longest prefix of the answer whose non-blank lines are the lines right above the range, in order.
  for (let length = answer.length - 1; length > 0; length--) {
    const prefix = answer.slice(0, length).filter((line) => line.trim() !== "");
    if (prefix.length === 0 || prefix.length > nonBlank.length) continue;
    const expected = nonBlank.slice(0, prefix.length).toReversed();
    if (prefix.every((line, index) => same(line, expected[index] ?? ""))) return length;
  }
  return 0;
}
