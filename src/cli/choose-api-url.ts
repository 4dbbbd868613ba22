import { UsageError } from "./cli-io.js";

export const GITHUB_API_URL = "https://api.github.com";

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * The REST API to call for a pull request: `--api-url` (or GITHUB_API_URL, as
 * GitHub Actions sets it), else api.github.com. The token goes to this URL, so
 * it must be https (plain http only on this machine), and a pull request URL
 * on one host is never sent to another host's API: a GitHub Enterprise Server
 * URL needs `--api-url https://HOST/api/v3`.
 */
export function chooseApiUrl(params: { readonly apiUrl: string | undefined; readonly refHost: string | undefined; readonly flag: string }): string {
  const given = params.apiUrl?.trim();
  const { refHost, flag } = params;
  if (given === undefined || given === "") {
    if (refHost !== undefined && refHost !== "github.com") {
      throw new UsageError(`${refHost} is not github.com: for GitHub Enterprise Server pass ${flag} https://${refHost}/api/v3.`);
    }
    return GITHUB_API_URL;
  }
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new UsageError(`${flag} ${given}: not a URL; expected e.g. https://github.example.com/api/v3.`);
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && LOOPBACK.has(url.hostname))) {
    throw new UsageError(`${flag} ${given}: the token would be sent unencrypted; use an https:// URL.`);
  }
  if (url.username !== "" || url.password !== "" || url.search !== "" || url.hash !== "") {
    throw new UsageError(`${flag}: expected a plain API base URL such as https://github.example.com/api/v3 (no credentials, query or fragment).`);
  }
  const apiHost = url.host.toLowerCase();
  if (refHost !== undefined && apiHost !== refHost && apiHost !== `api.${refHost}`) {
    throw new UsageError(`The pull request is on ${refHost} but ${flag} points at ${apiHost}; pass the API URL of ${refHost} (https://${refHost}/api/v3 for GitHub Enterprise Server), or use the OWNER/REPO#N form.`);
  }
  return url.href.replace(/\/+$/, "");
}
