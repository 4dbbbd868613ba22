/** Whole cents of an amount in euros. */
export function toCents(amount: number): number {
  return Math.round(amount * 100);
}

/** Cents of an amount after VAT at the given rate. */
export function grossCents(netAmount: number, vatRate: number): number {
  const gross: string = Math.round(netAmount * (1 + vatRate) * 100);
  return gross;
}
