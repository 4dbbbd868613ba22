/** Names too vague to become an environment variable: the kind's own name is used instead. */
const VAGUE = new Set(["VALUE", "VAL", "DATA", "STR", "S", "X", "TEXT", "ARG", "PARAM", "DEFAULT", "RESULT", "CONFIG", "OPTIONS", "OPTS", "HEADERS", "AUTHORIZATION", "URL", "URI", "KEY", "SECRET", "TOKEN", "CONNECTION", "CONN", "DSN", "AUTH", "CREDENTIALS", "PASS", "PWD"]);

/**
 * The environment variable a hard-coded credential should come from: the
 * name it is assigned to (`stripeSecretKey = "…"` → STRIPE_SECRET_KEY), or
 * `fallback` when there is no name or only a vague one.
 */
export function envVarName(prefix: string, fallback: string): string {
  // `const apiKey: string | undefined = "…"` names apiKey, not its type.
  const typed = /([A-Za-z_$][\w$]*)\s*\??\s*:\s*[^=:;,(){}"'`]+=\s*["'`]?$/.exec(prefix)?.[1];
  const name = typed ?? /([A-Za-z_$][\w$-]*)["']?\]?\s*(?::=|=|:)\s*["'`]?$/.exec(prefix)?.[1];
  if (name === undefined) return fallback;
  const snake = name
    .replace(/^\$+/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toUpperCase();
  if (snake.length < 3 || /^\d/.test(snake) || VAGUE.has(snake) || snake.length > 64) return fallback;
  return snake;
}
