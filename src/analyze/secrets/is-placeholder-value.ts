/** Words that mark a value as an example, not a credential. */
const PLACEHOLDER_WORDS =
  /example|sample|dummy|placeholder|change[_-]?me|replace|your[_-]|insert|redacted|fake|mock|xxxx|\*\*\*|\.\.\.|todo|fixme|[_-]here\b|not[_-]?a[_-]?(?:real[_-]?)?secret/i;
/** Values everybody knows: not secrets, whatever the variable is called. */
const COMMON = new Set([
  "password", "passwd", "secret", "token", "apikey", "api_key", "admin", "root", "guest", "username", "undefined",
  "123456", "1234567", "12345678", "123456789", "qwerty", "letmein", "abc123", "pass123", "password1", "password123",
]);
/** Runs people type when they make a value up; rare inside a random one. */
const SEQUENCE = /0123|1234|2345|3456|4567|5678|6789|abcdef|qwerty|asdf|0000/i;
/** Templates and references to the environment: ${X}, {{x}}, %s, <x>, $X, %X%, process.env.X, os.environ[...]. */
const REFERENCE = /[$%#]\{|\{\{|%[sd]\b|<[^>]*>|^\$[A-Za-z_(]|^%[A-Za-z_]+%$|process\.env|\benv\b|environ|getenv|\bsecrets\./i;

/**
 * Whether a value assigned to a `password`/`token`/`apiKey`-like name is
 * plainly not a real credential: an example word, a template or environment
 * reference, a word or identifier (no digit), a made-up sequence, a version, a path or
 * URL, repeated characters, or too short.
 */
export function isPlaceholderValue(value: string, key = ""): boolean {
  const trimmed = value.trim();
  if (trimmed.length < 6 || /\s/.test(trimmed)) return true;
  if (COMMON.has(trimmed.toLowerCase())) return true;
  if (PLACEHOLDER_WORDS.test(trimmed) || REFERENCE.test(trimmed)) return true;
  // One character repeated, or two: "xxxxxx", "******", "000000", "ababab".
  if (new Set(trimmed.toLowerCase()).size <= 2) return true;
  // The key's own name as its value: password: "PASSWORD", apiKey: "api-key".
  const bare = (text: string): string => text.toLowerCase().replace(/[^a-z0-9]/g, "");
  if (key !== "" && bare(trimmed) === bare(key)) return true;
  // Made-up values: the name's own words ("usertoken123"), counting runs ("1234567890abcdef"), versions ("^6.0.0"), plain numbers.
  if (/token|secret|passw|api[_-]?key|credential/i.test(trimmed) || SEQUENCE.test(trimmed)) return true;
  if (/^[\^~<>=v]*\d+(?:\.[\dx*]+)+(?:[-+][\w.]+)?$/i.test(trimmed) || /^\d+$/.test(trimmed)) return true;
  // Paths, file names and URLs (a password inside a URL is found by its own rule).
  if (/^[./~]|:\/\/|\.(?:pem|key|json|ya?ml|txt|env|crt|p12|pfx)$/i.test(trimmed)) return true;
  // Without a digit it is a word or a name ("production", "STRIPE_KEY", "config.apiKey"); a random credential
  // of this length almost always has one.
  return !/\d/.test(trimmed);
}
