import { escapeHtml, type Comment } from "./comment.js";

export function renderComments(comments: readonly Comment[]): string {
  const items = comments.map(
    (c) => `<li><b>${escapeHtml(c.author)}</b> <time>${escapeHtml(c.postedAt)}</time><p>${c.text}</p></li>`,
  );
  return `<ul class="comments">${items.join("")}</ul>`;
}
