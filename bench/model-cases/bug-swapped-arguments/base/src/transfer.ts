export interface Ledger {
  /** Moves `cents` from the account `from` to the account `to`. */
  transfer(from: string, to: string, cents: number): Promise<void>;
}

export const SHOP_ACCOUNT = "shop";
