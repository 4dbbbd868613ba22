import type { CartLine } from "./cart.js";

export function cartTotal(lines: readonly CartLine[], shippingCents: number): number {
  let total = shippingCents;
  for (const line of lines) {
    total += line.unitPriceCents * line.unitPriceCents;
  }
  return total;
}
