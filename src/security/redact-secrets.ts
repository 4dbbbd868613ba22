export const REDACTED_SECRET = "[redacted secret]";

/** Whole-match secrets: tokens whose shape alone gives them away. */
const TOKENS: readonly RegExp[] = [
  // PEM private keys; one without its END line is redacted to the end of the text.
  /-----BEGIN[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END[A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)/g,
  // GitHub tokens: personal, OAuth, user-to-server, server-to-server, refresh; fine-grained PATs.
  /gh[opusr]_[A-Za-z0-9]{20,255}/g,
  /github_pat_[A-Za-z0-9_]{20,255}/g,
  // AWS access key ids (long-term and temporary).
  /(?:AKIA|ASIA)[0-9A-Z]{16}(?![0-9A-Z])/g,
  // Slack tokens and webhooks.
  /xox[abposr]-[A-Za-z0-9-]{10,}/g,
  /\bxapp-\d-[A-Za-z0-9-]{10,}/g,
  /https:\/\/hooks\.slack\.com\/services\/[A-Za-z0-9/_-]+/g,
  // npm, OpenAI/Anthropic-style, Stripe, Google API keys, JWTs.
  /npm_[A-Za-z0-9]{36}/g,
  /\bsk-(?:proj-|ant-)?[A-Za-z0-9_-]{20,}/g,
  /\b[rs]k_(?:live|test)_[A-Za-z0-9]{16,}\b/g,
  /\bAIza[0-9A-Za-z_-]{35}\b/g,
  /\beyJ[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g,
];

/** The password in `scheme://user:password@host`. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s:@/?#]*):([^\s@/?#]+)@/gi;
/** `Password=...;` in connection strings, query strings and .env files (no spaces around `=`). */
const KEY_VALUE = /\b(password|passwd|pwd|client_secret|secret_?key|api_?key|access_?token|auth_?token|aws_secret_access_key)=(?!\[redacted secret\])([^\s;&"'`,]+)/gi;
/** `password: "..."` / `"apiKey" = '...'`: a quoted literal of four characters or more. */
const QUOTED_VALUE = /\b(password|passwd|pwd|client_secret|secret_?key|api_?key|access_?token|auth_?token|aws_secret_access_key)(["']?\s*[:=]\s*)(["'])([^"'\n]{4,})\3/gi;
/** HTTP Authorization credentials. */
const AUTH_HEADER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/-]{16,}=*/g;

/**
 * Replace secret-shaped strings with "[redacted secret]": GitHub, AWS, Slack,
 * npm, Stripe, Google and model-provider tokens, private key blocks, JWTs,
 * passwords in URLs and connection strings, and bearer credentials. Applied to
 * anything that is about to be posted, code included.
 */
export function redactSecrets(text: string): string {
  let result = text;
  for (const pattern of TOKENS) result = result.replace(pattern, REDACTED_SECRET);
  return result
    .replace(URL_PASSWORD, `$1:${REDACTED_SECRET}@`)
    .replace(KEY_VALUE, `$1=${REDACTED_SECRET}`)
    .replace(QUOTED_VALUE, `$1$2$3${REDACTED_SECRET}$3`)
    .replace(AUTH_HEADER, `$1 ${REDACTED_SECRET}`);
}
