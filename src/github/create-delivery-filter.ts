/** Remembers webhook delivery ids (X-GitHub-Delivery) so a redelivered event is handled once. */
export interface DeliveryFilter {
  /** True the first time an id is seen; false for a redelivery. */
  firstTime(deliveryId: string): boolean;
  /** Forget an id (its delivery was refused, so its redelivery must be handled). */
  forget(deliveryId: string): void;
}

/** Keeps the most recent `capacity` ids in memory (oldest forgotten first), in constant time per call. */
export function createDeliveryFilter(capacity: number): DeliveryFilter {
  const seen = new Set<string>();
  // A ring of the ids in arrival order: the slot to overwrite next holds the oldest.
  const ring: (string | undefined)[] = new Array<string | undefined>(Math.max(1, capacity)).fill(undefined);
  let next = 0;
  return {
    firstTime(deliveryId) {
      if (seen.has(deliveryId)) return false;
      const oldest = ring[next];
      if (oldest !== undefined) seen.delete(oldest);
      ring[next] = deliveryId;
      next = (next + 1) % ring.length;
      seen.add(deliveryId);
      return true;
    },
    forget(deliveryId) {
      // Its ring slot is left as it is: if the id is seen again, that old slot may forget it early (a
      // redelivery then reaches the queue, which dedupes it).
      seen.delete(deliveryId);
    },
  };
}
