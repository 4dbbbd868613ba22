/** A held lock; release it when the work is done (it also lapses by itself after its time to live). */
export interface ScanLease {
  release(): Promise<void>;
}

/**
 * A lock shared by every app instance, so a scan is scheduled and run once
 * even when several instances tick at the same time. In one process the
 * in-memory lock does; several instances need a shared store behind it.
 */
export interface ScanLock {
  /** Take `key` for `ttlMs`; resolves to the lease, or undefined when someone else holds it. */
  acquire(key: string, ttlMs: number): Promise<ScanLease | undefined>;
}
