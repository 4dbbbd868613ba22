export interface Product {
  readonly sku: string;
  readonly name: string;
  readonly priceCents: number;
}

export const catalog = new Map<string, Product>();
