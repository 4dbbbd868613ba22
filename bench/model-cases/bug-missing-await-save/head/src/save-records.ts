import type { Db } from "./db.js";

/** Stores every record; resolves with how many were stored. */
export async function saveRecords(db: Db, records: readonly Record<string, unknown>[]): Promise<number> {
  for (const record of records) {
    db.insert("records", record);
  }
  return records.length;
}
