import { GenerationTimeoutError } from "./errors/generation-timeout-error.js";

/**
 * Run `work` with a signal that aborts when the caller's signal does or when
 * `timeoutMs` have passed. A time-out becomes GenerationTimeoutError; the
 * caller's own cancellation is rethrown as it came.
 */
export async function withTimeLimit<T>(
  params: { readonly signal?: AbortSignal | undefined; readonly timeoutMs: number; readonly what: string },
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  params.signal?.throwIfAborted();
  const timeout = AbortSignal.timeout(params.timeoutMs);
  const signal = params.signal === undefined ? timeout : AbortSignal.any([params.signal, timeout]);
  try {
    return await work(signal);
  } catch (error) {
    if (timeout.aborted && params.signal?.aborted !== true) {
      throw new GenerationTimeoutError(`The ${params.what} took longer than its time limit of ${params.timeoutMs} ms and was stopped.`, { cause: error });
    }
    throw error;
  }
}
