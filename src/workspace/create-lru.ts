/** A map that keeps its `max` most recently used entries. */
export interface Lru<K, V> {
  get(key: K): V | undefined;
  has(key: K): boolean;
  set(key: K, value: V): void;
}

/** A least-recently-used cache over a Map (its insertion order is the recency order); `onEvict` hears of each entry pushed out. */
export function createLru<K, V>(max: number, onEvict?: (key: K, value: V) => void): Lru<K, V> {
  const entries = new Map<K, V>();
  return {
    get(key) {
      const value = entries.get(key);
      if (value === undefined) return undefined;
      entries.delete(key);
      entries.set(key, value);
      return value;
    },
    has: (key) => entries.has(key),
    set(key, value) {
      entries.delete(key);
      entries.set(key, value);
      for (const [oldest, evicted] of entries) {
        if (entries.size <= max) break;
        entries.delete(oldest);
        onEvict?.(oldest, evicted);
      }
    },
  };
}
