import { longestBacktickRun } from "./longest-backtick-run.js";
import { redactSecrets } from "../security/redact-secrets.js";
import { removeInvisibleCharacters } from "../security/remove-invisible-characters.js";
import { stripHtmlComments } from "./strip-html-comments.js";

/**
 * Untrusted text (a path, a rule id) as one inline code span: nothing in it
 * renders, links or mentions; newlines become spaces; no `<!--` survives, so
 * it cannot forge a marker.
 */
export function inlineCode(text: string): string {
  const cleaned = redactSecrets(stripHtmlComments(removeInvisibleCharacters(text))).replace(/\s*\n\s*/g, " ");
  if (cleaned.trim() === "") return "(empty)";
  const fence = "`".repeat(longestBacktickRun(cleaned) + 1);
  const pad = cleaned.startsWith("`") || cleaned.endsWith("`") ? " " : "";
  return `${fence}${pad}${cleaned}${pad}${fence}`;
}
