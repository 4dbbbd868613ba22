import type { ThreadComment } from "../github/list-review-thread.js";
import { truncateText } from "../llm/prompts/truncate-text.js";
import { stripHtmlComments } from "../review/strip-html-comments.js";

/**
 * A thread's earlier comments as text for a prompt, oldest first, each
 * labelled with its author (hidden markers removed). The most recent ones are
 * kept when they do not all fit in `maxChars`. The result goes into an
 * untrusted-data block: it is what people (and the app) said, not instructions.
 */
export function formatThreadComments(comments: readonly ThreadComment[], maxChars = 6000): string {
  const kept: string[] = [];
  let used = 0;
  for (const comment of [...comments].reverse()) {
    const who = comment.author.type === "Bot" ? `${comment.author.login} (an app)` : comment.author.login;
    const text = `${who} wrote:\n${truncateText(stripHtmlComments(comment.body).trim(), 1500)}`;
    if (used + text.length > maxChars && kept.length > 0) break;
    kept.unshift(text);
    used += text.length;
  }
  const left = comments.length - kept.length;
  return [...(left > 0 ? [`[${left} older comment${left === 1 ? "" : "s"} not shown]`] : []), ...kept].join("\n\n");
}
