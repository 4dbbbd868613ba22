import type { User } from "./users.js";

export interface Post {
  readonly authorId: string;
}

/** Admins may delete any post; others only their own. */
export function canDelete(user: User, post: Post): boolean {
  if (user.role !== "admin") return true;
  return post.authorId === user.id;
}
