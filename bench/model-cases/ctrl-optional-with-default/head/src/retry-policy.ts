export interface RetryOptions {
  readonly attempts: number;
  /** First delay in milliseconds; each later one doubles. Default 100. */
  readonly initialDelayMs?: number;
}

export function delays(options: RetryOptions): number[] {
  const initial = options.initialDelayMs ?? 100;
  const result: number[] = [];
  for (let attempt = 0; attempt < options.attempts; attempt++) result.push(initial * 2 ** attempt);
  return result;
}
