import { createHash } from "node:crypto";

export interface FingerprintParams {
  readonly path: string;
  /** The code the comment is about (the lines it is anchored on). */
  readonly code: string;
  /** "eslint/no-unused-vars", "ts/TS2304", "model/bug", ... */
  readonly rule: string;
}

/**
 * A stable identity for a comment: sha256 of the path, the code with
 * whitespace collapsed (so re-indenting does not make it new) and the rule;
 * the first 16 hex characters. Used to never post the same comment twice.
 */
export function fingerprint(params: FingerprintParams): string {
  const code = params.code.replace(/\s+/g, " ").trim();
  return createHash("sha256").update(`${params.path}\0${code}\0${params.rule}`, "utf8").digest("hex").slice(0, 16);
}
