import type { Page } from "./page.js";

/** Page `page` (0-based) of `items`, `size` items per page. */
export function paginate<T>(items: readonly T[], page: number, size: number): Page<T> {
  const start = page * size;
  const end = start + size - 1;
  return { items: items.slice(start, end), page, pageCount: Math.ceil(items.length / size) };
}
