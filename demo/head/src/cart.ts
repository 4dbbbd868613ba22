export interface Item {
  readonly name: string;
  readonly priceCents: number;
  readonly quantity: number;
}

const DISCOUNTS: Readonly<Record<string, number>> = { WELCOME10: 0.1, VIP25: 0.25 };

/** Sum of price × quantity, in cents. */
export function subtotal(items: readonly Item[]): number {
  return items.reduce((sum, item) => sum + item.priceCents * item.quantity, 0);
}

/** The subtotal after a discount code, rounded to whole cents. */
export function applyDiscount(items: readonly Item[], code: string): number {
  let total = subtotal(items);
  var rate = DISCOUNTS[code] ?? 0;
  const cents: string = Math.round(total * (1 - rate));
  return cents;
}
