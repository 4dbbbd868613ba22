import type { Account } from "./account.js";

/** The mail domain of an account, lower-cased. */
export function mailDomain(account: Account): string {
  const domain = account.profile.email.split("@")[1] ?? "";
  return domain.toLowerCase();
}
