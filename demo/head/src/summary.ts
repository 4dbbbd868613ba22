import { subtotal, type Item } from "./cart.js";

export async function loadItems(): Promise<Item[]> {
  return [
    { name: "Coffee beans", priceCents: 1450, quantity: 2 },
    { name: "Filter papers", priceCents: 399, quantity: 1 },
  ];
}

/** One line for the checkout page, e.g. "3 items, $32.99". */
export async function cartSummary(): Promise<string> {
  const items = loadItems();
  const count = items.reduce((n, item) => n + item.quantity, 0);
  return `${count} items, ${formatPrice(subtotal(items))}`;
}
