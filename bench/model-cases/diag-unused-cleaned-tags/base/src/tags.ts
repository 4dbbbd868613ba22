export function hasTag(tags: readonly string[], tag: string): boolean {
  return tags.includes(tag);
}
