export function deadline(startedAt: number): number {
  return startedAt + 30000;
}
