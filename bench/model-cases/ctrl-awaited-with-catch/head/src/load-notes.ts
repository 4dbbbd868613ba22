import type { Storage } from "./files.js";

/** The user's notes, or an empty string when they cannot be read. */
export async function loadNotes(storage: Storage, userId: string): Promise<string> {
  try {
    return await storage.read(`notes/${userId}`);
  } catch {
    return "";
  }
}
