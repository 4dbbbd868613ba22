import type { JobLog } from "../log/job-log.js";
import { REDACTED_SECRET, redactSecrets } from "./redact-secrets.js";

/** Fields that hold file contents, patches, bodies or prompts: never logged, only their size. */
const CONTENT_FIELDS = /^(?:body|content|contents|patch|diff|text|fileText|headText|baseText|sourceText|replacement|prompt|payload|rawBody)$/i;
/** Fields that are credentials whatever their value looks like. */
const SECRET_FIELDS = /^(?:token|accessToken|access_token|authorization|privateKey|private_key|secret|webhookSecret|password|apiKey|api_key|clientSecret|client_secret|cookie|jwt)$/i;
const MAX_DEPTH = 6;
const MAX_ITEMS = 50;

/**
 * A log that never writes a credential or a file's contents:
 *  1. every string (the message, nested fields, error messages and stacks) has
 *     secret-shaped strings and the app's own credentials (`secrets`) masked;
 *  2. fields that carry content (body, patch, text, payload, …) are replaced by
 *     their size, fields named like credentials by "[redacted secret]";
 *  3. errors become plain objects with their name, message and stack, masked.
 */
export function createRedactingLog(log: JobLog, options: { readonly secrets?: readonly string[] } = {}): JobLog {
  const own = [...new Set((options.secrets ?? []).filter((secret) => secret.length >= 8))].sort((a, b) => b.length - a.length);
  const text = (value: string): string => {
    let masked = value;
    for (const secret of own) if (masked.includes(secret)) masked = masked.split(secret).join(REDACTED_SECRET);
    return redactSecrets(masked);
  };
  const clean = (value: unknown, depth: number): unknown => {
    if (typeof value === "string") return text(value);
    if (value === null || typeof value !== "object") return value;
    if (depth >= MAX_DEPTH) return "[nested too deep]";
    if (value instanceof Error) {
      const error: Record<string, unknown> = { type: value.name, message: text(value.message) };
      if (value.stack !== undefined) error.stack = text(value.stack);
      const status = (value as { status?: unknown }).status;
      if (typeof status === "number") error.status = status;
      if (value.cause !== undefined) error.cause = clean(value.cause, depth + 1);
      return error;
    }
    if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => clean(item, depth + 1));
    const result: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value).slice(0, MAX_ITEMS)) {
      if (SECRET_FIELDS.test(key) && field !== undefined && field !== null && field !== "") result[key] = REDACTED_SECRET;
      else if (CONTENT_FIELDS.test(key) && (typeof field === "string" || (typeof field === "object" && field !== null))) result[key] = omitted(field);
      else result[key] = clean(field, depth + 1);
    }
    return result;
  };
  const at =
    (write: (obj: object, msg?: string) => void) =>
    (obj: object, msg?: string): void => {
      const cleaned = clean(obj, 0);
      const fields = typeof cleaned === "object" && cleaned !== null ? cleaned : { value: cleaned };
      if (msg === undefined) write(fields);
      else write(fields, text(msg));
    };
  return {
    debug: at((obj, msg) => {
      log.debug(obj, msg);
    }),
    info: at((obj, msg) => {
      log.info(obj, msg);
    }),
    warn: at((obj, msg) => {
      log.warn(obj, msg);
    }),
    error: at((obj, msg) => {
      log.error(obj, msg);
    }),
  };
}

function omitted(value: unknown): string {
  if (typeof value === "string") return `[${value.length} characters not logged]`;
  return Array.isArray(value) ? `[${value.length} items not logged]` : "[not logged]";
}

/** The app's own credentials from its environment, for `createRedactingLog`'s `secrets`. */
export function appCredentials(env: Readonly<Record<string, string | undefined>>): string[] {
  const names = ["PRIVATE_KEY", "WEBHOOK_SECRET", "GITHUB_CLIENT_SECRET", "PATCHSMITH_LLM_API_KEY", "GITHUB_TOKEN", "SENTRY_DSN", "REDIS_URL"];
  const values: string[] = [];
  for (const name of names) {
    const value = env[name]?.trim();
    if (value === undefined || value === "" || value === "development") continue;
    values.push(value);
    // A PEM key given with literal \n escapes, as .env files hold it: its lines too.
    for (const line of value.replace(/\\n/g, "\n").split("\n")) if (line.trim().length >= 16 && !line.startsWith("-----")) values.push(line.trim());
  }
  return values;
}
