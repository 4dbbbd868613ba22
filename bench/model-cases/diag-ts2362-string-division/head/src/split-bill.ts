import type { Bill } from "./bill.js";

export function sharePerGuest(bill: Bill, guests: number): number {
  const share = bill.amount / guests;
  return Math.ceil(share * 100) / 100;
}
