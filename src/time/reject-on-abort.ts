/**
 * A promise that rejects with the signal's reason when it aborts, and never
 * settles otherwise: raced with work that does not always stop when aborted
 * (a retry waiting its turn, a downloader), so the caller stops waiting anyway.
 */
export function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    const fail = (): void => {
      reject(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
    };
    if (signal.aborted) fail();
    else signal.addEventListener("abort", fail, { once: true });
  });
}
