import type { ScanLease, ScanLock } from "./scan-lock.js";

/**
 * A ScanLock held in this process's memory: enough for one instance (and for
 * instances sharing one object, as tests do). Entries lapse after their time
 * to live by the injected clock; a released lease frees the key only if it
 * still owns it.
 */
export function createMemoryScanLock(params: { readonly now: () => number }): ScanLock {
  const held = new Map<string, { readonly owner: symbol; readonly expiresAt: number }>();
  return {
    acquire(key, ttlMs) {
      const now = params.now();
      for (const [k, entry] of held) if (entry.expiresAt <= now) held.delete(k);
      if (held.has(key)) return Promise.resolve(undefined);
      const owner = Symbol(key);
      held.set(key, { owner, expiresAt: now + ttlMs });
      const lease: ScanLease = {
        release() {
          if (held.get(key)?.owner === owner) held.delete(key);
          return Promise.resolve();
        },
      };
      return Promise.resolve(lease);
    },
  };
}
