/**
 * Sanitised markdown flattened to one line, for a list item: newlines become
 * spaces (a fenced block becomes an inline code span, since its fence is
 * longer than any backtick run inside it).
 */
export function toOneLine(markdown: string): string {
  return markdown.replace(/\s*\n\s*/g, " ").trim();
}
