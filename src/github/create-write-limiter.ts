/** Paces content-creating requests (POST, PATCH, PUT, DELETE) to stay under GitHub's secondary rate limits. */
export interface WriteLimiter {
  /** Resolves when one more write may be sent now; the write is counted from then. */
  acquire(signal?: AbortSignal): Promise<void>;
}

/**
 * A sliding window: at most `perMinute` writes in any 60 seconds (GitHub allows
 * 80 content-creating requests a minute). One limiter is shared by the whole
 * process. The clock and the sleep are passed in so tests need no timers.
 */
export function createWriteLimiter(params: {
  readonly perMinute: number;
  readonly now: () => number;
  readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}): WriteLimiter {
  const windowMs = 60_000;
  const sent: number[] = [];
  let tail: Promise<void> = Promise.resolve();

  async function waitForSlot(signal?: AbortSignal): Promise<void> {
    for (;;) {
      signal?.throwIfAborted();
      const now = params.now();
      while (sent.length > 0 && (sent[0] ?? 0) <= now - windowMs) sent.shift();
      if (sent.length < params.perMinute) {
        sent.push(now);
        return;
      }
      await params.sleep((sent[0] ?? now) + windowMs - now, signal);
    }
  }

  return {
    acquire(signal) {
      // One waiter at a time, in arrival order.
      const turn = tail.then(() => waitForSlot(signal));
      tail = turn.catch(() => undefined);
      return turn;
    },
  };
}
