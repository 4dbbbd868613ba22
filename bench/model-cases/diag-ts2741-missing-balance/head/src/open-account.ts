import { nextId, type LedgerAccount } from "./ledger.js";

export function openAccount(input: { owner: string }): LedgerAccount {
  const account: LedgerAccount = { id: nextId(), owner: input.owner };
  return account;
}
