export interface CartLine {
  readonly sku: string;
  readonly unitPriceCents: number;
  readonly quantity: number;
}
