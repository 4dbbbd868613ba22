import type { Request } from "./request.js";
import { findUser } from "./users.js";

export function greeting(request: Request): string {
  const user = findUser(request.userId);
  return user === undefined ? "Hello, guest" : `Hello, ${user.name}`;
}
