import { envVarName } from "./secrets/env-var-name.js";
import { isPlaceholderValue } from "./secrets/is-placeholder-value.js";
import type { NumberedLine, SecretHit } from "./secrets/secret-hit.js";
import { shannonEntropy } from "./secrets/shannon-entropy.js";
import { TOKEN_RULES } from "./secrets/token-rules.js";

export type { NumberedLine, SecretHit } from "./secrets/secret-hit.js";

export interface FindSecretsOptions {
  /**
   * The lines come from a configuration file (.env, YAML, properties), not
   * code: an unquoted `NAME=value` counts too.
   */
  readonly config?: boolean;
}

/** Longest part of a line that is scanned; a minified bundle line is still read this far. */
const MAX_LINE = 100_000;
/** Lines a private key block may span. */
const MAX_KEY_LINES = 200;

const PEM_BEGIN = /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
const PEM_END = /-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
/** `scheme://user:password@host`. */
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]{1,20}):\/\/([^\s:@/?#'"`]{0,256}):([^\s@/?#'"`]{1,256})@(?=[A-Za-z0-9[])/gi;
/** `Server=…;Password=…;` (ADO.NET, Azure storage, Service Bus). */
const SEMICOLON_PAIR = /(?:^|[;"'`\s])(Password|Pwd|AccountKey|SharedAccessKey)=([^;"'`\s]{1,512})/gi;
/** `Authorization: Bearer …` written into the code. */
const AUTH_HEADER = /\b(?:Bearer|Basic)\s+([A-Za-z0-9._~+/-]{20,2048}=*)/g;
/** `name = "value"`, `name: 'value'`, `"name": "value"`, `name === "value"`. */
const QUOTED_ASSIGNMENT = /([A-Za-z_$][\w$-]{0,100}|"[^"\n]{1,100}"|'[^'\n]{1,100}')\s{0,10}(?::=|===?|!==?|=|:)\s{0,10}(["'`])((?:\\.|[^\\\n])*?)\2/g;
/** `NAME=value` / `name: value` as a whole line of a configuration file. */
const BARE_ASSIGNMENT = /^\s*(?:export\s+)?["']?([A-Za-z_][\w.-]{0,100})["']?\s*[:=]\s*([^\s#;'"`,{}[\]]{1,1024})\s*(?:[#;].*)?$/;
/** Cheap tests that a line could hold a match at all; most lines fail them. */
const SEMICOLON_HINT = /(?:password|pwd|accountkey|sharedaccesskey)=/i;
const NAME_HINT = /pass|pwd|secret|token|key|credential/i;
/** Names whose value is a credential: the name ends with one of these. */
const SECRET_NAME = /(?:password|passwd|passphrase|pwd|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|secret[_-]?key|client[_-]?secret|credentials?|signing[_-]?key|encryption[_-]?key|auth[_-]?key|master[_-]?key)$/i;

/** A URL's host that is this machine: development credentials, not a leak. */
const LOCAL_HOST = /^(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?![\w.-])/i;

const DATABASE_SCHEMES = new Set(["postgres", "postgresql", "mysql", "mariadb", "mssql", "sqlserver", "oracle", "cockroachdb", "jdbc"]);

/**
 * Credentials on the given lines (usually the lines a change added):
 *  1. private key blocks, on one line or over several;
 *  2. tokens whose shape gives them away (GitHub, AWS, Slack, Stripe, Google, npm, OpenAI, Anthropic, SendGrid, JWT);
 *  3. passwords in URLs and in `Password=…;` connection strings, and bearer credentials;
 *  4. string values given to names like `password`, `apiKey`, `clientSecret`, `token`
 *     (unquoted values too in configuration files), unless the value is plainly a
 *     placeholder, a reference to the environment, or a word.
 * Where two rules find the same text, the more specific one (earlier in this list) wins.
 */
export function findSecrets(lines: readonly NumberedLine[], options: FindSecretsOptions = {}): SecretHit[] {
  const hits: SecretHit[] = [];
  const byLine = new Map(lines.map((entry) => [entry.line, entry.text.slice(0, MAX_LINE)]));
  const add = (hit: SecretHit): void => {
    const overlaps = hits.some((other) => other.line <= hit.endLine && hit.line <= other.endLine && (other.endLine > other.line || hit.endLine > hit.line || rangesOverlap(other, hit)));
    if (!overlaps) hits.push(hit);
  };

  for (const { line } of lines) {
    const text = byLine.get(line) ?? "";
    const key = privateKeyAt(text, line, byLine);
    if (key) add(key);
    for (const rule of TOKEN_RULES) {
      if (!rule.hints.some((hint) => text.includes(hint))) continue;
      for (const match of text.matchAll(rule.pattern)) {
        if (isExampleToken(match[0])) continue;
        add({ line, endLine: line, column: match.index + 1, kind: rule.kind, description: rule.description, envName: envVarName(text.slice(0, match.index), rule.envName), value: match[0] });
      }
    }
    const urls = text.includes("://") && text.includes("@");
    for (const match of urls ? text.matchAll(URL_PASSWORD) : []) {
      const [whole, scheme = "", user = "", password = ""] = match;
      if (isPlaceholderValue(password, user) || LOCAL_HOST.test(text.slice(match.index + whole.length))) continue;
      const column = match.index + whole.length - password.length;
      add({ line, endLine: line, column, kind: "connection-string", description: "a password in a connection string", envName: envVarName(text.slice(0, stringStart(text, match.index)), urlEnvName(scheme.toLowerCase())), value: password });
    }
    for (const match of SEMICOLON_HINT.test(text) ? text.matchAll(SEMICOLON_PAIR) : []) {
      const [whole, name = "", value = ""] = match;
      if (isPlaceholderValue(value, name)) continue;
      const column = match.index + whole.length - value.length + 1;
      const fallback = /account|shared/i.test(name) ? "AZURE_STORAGE_CONNECTION_STRING" : "CONNECTION_STRING";
      add({ line, endLine: line, column, kind: "connection-string", description: "a password in a connection string", envName: envVarName(text.slice(0, stringStart(text, match.index)), fallback), value });
    }
    for (const match of text.includes("Bearer") || text.includes("Basic") ? text.matchAll(AUTH_HEADER) : []) {
      const value = match[1] ?? "";
      if (!/\d/.test(value) || shannonEntropy(value) < 3.5 || isPlaceholderValue(value)) continue;
      const column = match.index + match[0].length - value.length + 1;
      add({ line, endLine: line, column, kind: "bearer-token", description: "a bearer credential", envName: envVarName(text.slice(0, stringStart(text, match.index)), "API_TOKEN"), value });
    }
    const named = NAME_HINT.test(text);
    for (const match of named ? text.matchAll(QUOTED_ASSIGNMENT) : []) {
      const [whole, rawName = "", quote = "", value = ""] = match;
      const name = rawName.replace(/^["']|["']$/g, "");
      if (!SECRET_NAME.test(name) || (quote === "`" && value.includes("${")) || isPlaceholderValue(value, name)) continue;
      const column = match.index + whole.length - value.length;
      add({ line, endLine: line, column, ...namedKind(name), envName: envVarName(text.slice(0, column - 1), namedKind(name).envName), value });
    }
    if (options.config === true && named) {
      const match = BARE_ASSIGNMENT.exec(text);
      const name = match?.[1] ?? "";
      const value = match?.[2] ?? "";
      if (match && SECRET_NAME.test(name) && !isPlaceholderValue(value, name)) {
        const column = text.indexOf(value, text.indexOf(name) + name.length) + 1;
        add({ line, endLine: line, column, ...namedKind(name), envName: envVarName(`${name}=`, namedKind(name).envName), value });
      }
    }
  }
  return hits.sort((a, b) => a.line - b.line || a.column - b.column);
}

function rangesOverlap(a: SecretHit, b: SecretHit): boolean {
  return a.column < b.column + b.value.length && b.column < a.column + a.value.length;
}

/** A private key block starting on this line: to its END marker, on this line or a later one. */
function privateKeyAt(text: string, line: number, byLine: ReadonlyMap<number, string>): SecretHit | undefined {
  const begin = PEM_BEGIN.exec(text);
  if (!begin) return undefined;
  const base = { line, column: begin.index + 1, kind: "private-key", description: "a private key", envName: envVarName(text.slice(0, stringStart(text, begin.index)), "PRIVATE_KEY") };
  const rest = text.slice(begin.index + begin[0].length);
  const sameLine = PEM_END.exec(rest);
  if (sameLine) {
    const body = rest.slice(0, sameLine.index);
    if (keyMaterial(body) < 32) return undefined;
    return { ...base, endLine: line, value: text.slice(begin.index, begin.index + begin[0].length + sameLine.index + sameLine[0].length) };
  }
  // The literal closes on this line (`const HEADER = "-----BEGIN PRIVATE KEY-----";`): no block follows.
  const close = /["'`]/.exec(rest);
  if (close) return keyMaterial(rest.slice(0, close.index)) < 32 ? undefined : { ...base, endLine: line, value: text.slice(begin.index) };
  const block = [text.slice(begin.index)];
  let body = rest;
  for (let next = line + 1; next <= line + MAX_KEY_LINES; next += 1) {
    const following = byLine.get(next);
    if (following === undefined) break;
    const end = PEM_END.exec(following);
    if (end) {
      block.push(following);
      body += following.slice(0, end.index);
      if (keyMaterial(body) < 32) return undefined;
      return { ...base, endLine: next, value: block.join("\n") };
    }
    // Only key material goes on between the markers; anything else ends the block.
    if (!/^[\sA-Za-z0-9+/=:,-]*$/.test(following)) break;
    block.push(following);
    body += following;
  }
  // No END marker among the lines given: a key cut off by the diff's edge.
  if (keyMaterial(body) < 32) return undefined;
  return { ...base, endLine: line + block.length - 1, value: block.join("\n") };
}

/** Base64 characters of a key body, with `\n` escapes taken out. */
function keyMaterial(body: string): number {
  return body.replace(/\\[nr]/g, "").replace(/[^A-Za-z0-9+/=]/g, "").length;
}

/** AWS's documented example keys and tokens made of one repeated character. */
function isExampleToken(token: string): boolean {
  if (/EXAMPLE/i.test(token)) return true;
  const tail = token.replace(/^(?:gh[pousr]_|github_pat_|AKIA|ASIA|ABIA|ACCA|xox[abposr]-|[rs]k_live_|AIza|npm_|sk-(?:proj-|ant-)?|SG\.)/, "");
  return shannonEntropy(tail) < 2.5 || /0000|1234|token|access|personal|example|secret|installation|sample|dummy|fake/i.test(tail);
}

/** Where the string literal holding `index` starts (its quote), so the name before it can be read. */
function stringStart(text: string, index: number): number {
  const before = text.slice(0, index);
  const quote = Math.max(before.lastIndexOf('"'), before.lastIndexOf("'"), before.lastIndexOf("`"));
  return quote === -1 ? index : quote + 1;
}

function urlEnvName(scheme: string): string {
  if (DATABASE_SCHEMES.has(scheme)) return "DATABASE_URL";
  if (scheme.startsWith("mongodb")) return "MONGODB_URI";
  if (scheme.startsWith("redis")) return "REDIS_URL";
  if (scheme.startsWith("amqp")) return "AMQP_URL";
  const cleaned = scheme.replace(/[^a-z0-9]+/g, "_").toUpperCase();
  return cleaned === "HTTP" || cleaned === "HTTPS" ? "SERVICE_URL" : `${cleaned}_URL`;
}

function namedKind(name: string): Pick<SecretHit, "kind" | "description" | "envName"> {
  if (/aws/i.test(name) && /secret/i.test(name)) return { kind: "aws-secret-access-key", description: "an AWS secret access key", envName: "AWS_SECRET_ACCESS_KEY" };
  if (/pass(?:word|wd|phrase)|pwd/i.test(name)) return { kind: "password", description: "a hard-coded password", envName: "PASSWORD" };
  if (/api[_-]?key/i.test(name)) return { kind: "api-key", description: "a hard-coded API key", envName: "API_KEY" };
  if (/token/i.test(name)) return { kind: "token", description: "a hard-coded token", envName: "API_TOKEN" };
  return { kind: "secret", description: "a hard-coded secret", envName: "APP_SECRET" };
}
