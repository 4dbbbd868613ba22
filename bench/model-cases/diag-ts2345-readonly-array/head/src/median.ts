import { sortAscending } from "./stats.js";

export function median(scores: readonly number[]): number {
  const sorted = sortAscending(scores);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 0 ? ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2 : (sorted[middle] ?? 0);
}
