import type { Db, UserRow } from "./db.js";

export async function findByEmail(db: Db, email: string): Promise<UserRow | undefined> {
  const rows = await db.query<UserRow>("SELECT id, email FROM users WHERE email = '" + email + "'");
  return rows[0];
}
