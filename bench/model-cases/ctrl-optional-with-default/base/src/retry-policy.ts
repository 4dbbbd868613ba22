export interface RetryOptions {
  readonly attempts: number;
}

export function delays(options: RetryOptions): number[] {
  const result: number[] = [];
  for (let attempt = 0; attempt < options.attempts; attempt++) result.push(100 * 2 ** attempt);
  return result;
}
