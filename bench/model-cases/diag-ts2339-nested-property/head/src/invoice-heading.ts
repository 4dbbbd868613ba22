import type { Order } from "./order.js";

export function invoiceHeading(order: Order): string {
  return `Invoice ${order.number} for ${order.country}`;
}
