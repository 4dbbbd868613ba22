export function hasTag(tags: readonly string[], tag: string): boolean {
  return tags.includes(tag);
}

/** Tags trimmed, lower-cased and without duplicates. */
export function normalizeTags(tags: readonly string[]): string[] {
  const cleaned = tags.map((t) => t.trim().toLowerCase());
  return [...new Set(tags)];
}
