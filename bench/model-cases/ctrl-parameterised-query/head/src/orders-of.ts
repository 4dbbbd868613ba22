import type { Db, OrderRow } from "./db.js";

export async function ordersOf(db: Db, customerId: number): Promise<OrderRow[]> {
  return db.query<OrderRow>("SELECT id, customer_id AS customerId, total_cents AS totalCents FROM orders WHERE customer_id = $1", [customerId]);
}
