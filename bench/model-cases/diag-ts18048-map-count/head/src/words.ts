export function words(text: string): string[] {
  return text.toLowerCase().split(/\W+/).filter((w) => w.length > 0);
}

/** How often each word occurs. */
export function wordCounts(text: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const word of words(text)) {
    if (!counts.has(word)) counts.set(word, 0);
    const count = counts.get(word);
    counts.set(word, count + 1);
  }
  return counts;
}
