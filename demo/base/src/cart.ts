export interface Item {
  readonly name: string;
  readonly priceCents: number;
  readonly quantity: number;
}

/** Sum of price × quantity, in cents. */
export function subtotal(items: readonly Item[]): number {
  return items.reduce((sum, item) => sum + item.priceCents * item.quantity, 0);
}
