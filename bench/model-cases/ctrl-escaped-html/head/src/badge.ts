import { escapeHtml } from "./escape.js";

export function badge(label: string, count: number): string {
  return `<span class="badge">${escapeHtml(label)} (${count})</span>`;
}
