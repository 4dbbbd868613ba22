export function last<T>(items: readonly T[]): T | undefined {
  return items[items.length - 1];
}

/** Splits `items` into arrays of `size` items; the last one may be shorter. */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError("size must be a positive whole number");
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}
