export interface Comment {
  readonly author: string;
  readonly text: string;
  readonly postedAt: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
