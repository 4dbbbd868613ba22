import { REDACTED_SECRET, redactSecrets } from "../../security/redact-secrets.js";

/** Shortest known secret value that is masked by value (shorter ones would hit ordinary text). */
const MIN_VALUE = 4;

/**
 * A function that masks secrets in text, line by line so line numbers stay
 * true: every known secret value (and each line of a multi-line one) becomes
 * "[redacted secret]", then every secret-shaped string does too. For text
 * that goes to the model, into comments, or into logs.
 */
export function createSecretMask(values: Iterable<string>): (text: string) => string {
  const known = new Set<string>();
  for (const value of values) {
    for (const part of value.split(/\r?\n/)) {
      const trimmed = part.trim();
      if (trimmed.length >= MIN_VALUE) known.add(trimmed);
    }
  }
  const ordered = [...known].sort((a, b) => b.length - a.length);
  return (text) =>
    text
      .split("\n")
      .map((line) => {
        let masked = line;
        for (const value of ordered) if (masked.includes(value)) masked = masked.split(value).join(REDACTED_SECRET);
        return redactSecrets(masked);
      })
      .join("\n");
}
