import type { Token } from "./token.js";

/** Whether the token can no longer be used at time `now`. */
export function isExpired(token: Token, now: number): boolean {
  return token.expiresAt > now;
}
