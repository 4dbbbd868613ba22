/** How long a request may take, in milliseconds. */
export const REQUEST_TIMEOUT_MS = 30_000;

export function deadline(startedAt: number): number {
  return startedAt + REQUEST_TIMEOUT_MS;
}
