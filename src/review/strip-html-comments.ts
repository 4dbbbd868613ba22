/**
 * Remove HTML comments and every leftover `<!--`, repeating until none is
 * left (removing one can join the halves of another). Our state markers are
 * HTML comments, so no posted text we did not write may contain an opener.
 */
export function stripHtmlComments(text: string): string {
  let current = text;
  for (;;) {
    const next = current.replace(/<!--[\s\S]*?-->/g, "").replaceAll("<!--", "");
    if (next === current) return current;
    current = next;
  }
}
