import { sessions } from "./sessions.js";

/** The user behind a request's session token. */
export function currentUserId(token: string): string {
  const session = sessions.get(token)!;
  return session.userId;
}
