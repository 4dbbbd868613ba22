import { formatMoney } from "./format-money.js";
import type { Invoice } from "./invoice.js";

export function invoiceLine(invoice: Invoice): string {
  return `${invoice.number}: ${formatMoney(invoice.totalCents)}`;
}
