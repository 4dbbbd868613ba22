import { SHOP_ACCOUNT, type Ledger } from "./transfer.js";

/** Pays the customer back. */
export async function refund(ledger: Ledger, customerAccount: string, cents: number): Promise<void> {
  await ledger.transfer(customerAccount, SHOP_ACCOUNT, cents);
}
