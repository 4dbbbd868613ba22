import { UsageError } from "./cli-io.js";

/** A pull request named on the command line. */
export interface PullRequestRef {
  readonly owner: string;
  readonly repo: string;
  readonly number: number;
  /** The web host of a URL (`github.com`, a GitHub Enterprise Server host); absent for `OWNER/REPO#N`. */
  readonly host?: string;
}

const OWNER = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})";
const REPO = "[A-Za-z0-9._-]{1,100}";
const SHORT_FORM = new RegExp(`^(${OWNER})/(${REPO})#(\\d{1,10})$`);
const URL_PATH = new RegExp(`^/(${OWNER})/(${REPO})/pull/(\\d{1,10})(?:/[A-Za-z0-9/_-]*)?/?$`);

const EXPECTED = "expected a pull request URL such as https://github.com/OWNER/REPO/pull/123, or OWNER/REPO#123";

/**
 * `https://github.com/OWNER/REPO/pull/123` (with or without the scheme, with a
 * trailing `/files`, a query or a `#fragment`; any host, for GitHub Enterprise
 * Server) or `OWNER/REPO#123`. Anything else throws a UsageError saying which forms work.
 */
export function parsePullRequestRef(text: string): PullRequestRef {
  const input = text.trim();
  const short = SHORT_FORM.exec(input);
  if (short) return checked({ owner: short[1] ?? "", repo: short[2] ?? "", number: Number(short[3]) }, input);

  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(input) ? input : `https://${input}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new UsageError(`"${text}" is not a pull request: ${EXPECTED}.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw new UsageError(`"${text}" is not a pull request: ${EXPECTED}.`);
  if (url.username !== "" || url.password !== "") throw new UsageError("The pull request URL has a user name or password in it (not repeated here); remove it and pass the token with GITHUB_TOKEN or --token instead.");
  const match = URL_PATH.exec(url.pathname);
  if (!match) {
    const hint = /\/(?:issues|pulls)\/\d+/.test(url.pathname) ? " (a pull request's URL has /pull/N in it, not /issues/N or /pulls/N)" : "";
    throw new UsageError(`"${text}" is not a pull request URL${hint}: ${EXPECTED}.`);
  }
  const host = url.hostname.toLowerCase() === "www.github.com" ? "github.com" : url.host.toLowerCase();
  return checked({ owner: match[1] ?? "", repo: match[2] ?? "", number: Number(match[3]), host }, input);
}

function checked(ref: PullRequestRef, input: string): PullRequestRef {
  if (ref.repo === "." || ref.repo === "..") throw new UsageError(`"${input}" names no repository: ${EXPECTED}.`);
  if (!Number.isSafeInteger(ref.number) || ref.number < 1 || ref.number > 2_147_483_647) {
    throw new UsageError(`"${input}": pull request numbers start at 1; ${EXPECTED}.`);
  }
  return ref;
}
