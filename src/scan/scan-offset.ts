import { createHash } from "node:crypto";

/**
 * A repository's fixed delay after each occurrence of its schedule, in whole
 * minutes below `spreadMs`: the same for the same repository on every
 * instance and every run, and spread evenly over many repositories, so
 * hundreds of repositories on the default schedule do not all start at once.
 */
export function scanOffset(repository: string, spreadMs: number): number {
  const minutes = Math.floor(spreadMs / 60_000);
  if (minutes <= 0) return 0;
  const hash = createHash("sha256").update(repository.toLowerCase()).digest();
  return (hash.readUIntBE(0, 6) % minutes) * 60_000;
}
