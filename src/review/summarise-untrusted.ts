import { redactSecrets } from "../security/redact-secrets.js";
import { sanitizeModelText, type SanitizeContext } from "./sanitize-model-text.js";
import { toOneLine } from "./to-one-line.js";

/** Untrusted text for one list item: secrets gone before cutting (a cut token no longer looks like one), then cut to `maxLength`, sanitised and flattened. */
export function summariseUntrusted(text: string, context: SanitizeContext, maxLength: number): string {
  const redacted = redactSecrets(text);
  const cut = redacted.length > maxLength ? `${redacted.slice(0, maxLength).replace(/[\uD800-\uDBFF]$/, "").trimEnd()}…` : redacted;
  return toOneLine(sanitizeModelText(cut, context));
}
