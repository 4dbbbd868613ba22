import { formatBytes } from "../format-bytes.js";

/** `[=========>          ]  47%  5.2 MB / 11.0 MB` */
export function renderProgressBar(downloaded: number, total: number, width = 30): string {
  const fraction = total > 0 ? Math.min(1, downloaded / total) : 0;
  const filled = Math.floor(fraction * width);
  const bar = filled >= width ? "=".repeat(width) : `${"=".repeat(filled)}>${" ".repeat(width - filled - 1)}`;
  return `[${bar}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ${formatBytes(downloaded)} / ${formatBytes(total)}`;
}
