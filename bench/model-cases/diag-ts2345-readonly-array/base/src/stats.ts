/** Sorts the numbers in place and returns them. */
export function sortAscending(values: number[]): number[] {
  return values.sort((a, b) => a - b);
}
