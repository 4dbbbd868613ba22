import { catalog } from "./catalog.js";

/** The price of a product, or undefined for an unknown SKU. */
export function priceOf(sku: string): number | undefined {
  const product = catalog.get(sku);
  if (product === undefined) return undefined;
  return product.priceCents;
}
