export function words(text: string): string[] {
  return text.toLowerCase().split(/\W+/).filter((w) => w.length > 0);
}
