import type { Order } from "./orders.js";

/** Revenue in cents, cancelled orders left out. */
export function revenue(orders: readonly Order[]): number {
  let total = 0;
  for (const order of orders) {
    if (order.status === "canceled") continue;
    total += order.totalCents;
  }
  return total;
}
