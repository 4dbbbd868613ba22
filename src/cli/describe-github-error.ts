import { requestErrorInfo } from "../github/request-error-info.js";

export interface GitHubErrorContext {
  /** `OWNER/REPO#N`. */
  readonly pullRequest: string;
  /** How the person gives a token here, e.g. "set GITHUB_TOKEN or pass --token". */
  readonly howToGiveToken: string;
  readonly authenticated: boolean;
  /** Reading the pull request, or posting the review. */
  readonly stage: "read" | "post";
  /** The API base URL, named when it cannot be reached. */
  readonly apiUrl: string;
}

/**
 * One line that says what went wrong with a GitHub request and what to do:
 * not found, a token refused or without access, a private repository without
 * a token, a rate limit (with its reset time), GitHub unreachable or not
 * answering in time. Undefined
 * for an error that is not an Octokit request error (a bug, reported as such).
 * Never includes the token: only the status, GitHub's message and headers.
 */
export function describeGitHubError(error: unknown, context: GitHubErrorContext): string | undefined {
  // Already one line naming the request, the limit and its setting.
  if (error instanceof Error && error.name === "GitHubTimeoutError") return error.message;
  if (!(error instanceof Error) || error.name !== "HttpError") return undefined;
  const { status, headers } = requestErrorInfo(error);
  const said = githubMessage(error);
  const pr = context.pullRequest;
  const repo = pr.replace(/#\d+$/, "");

  const limit = rateLimit(status, headers, said);
  if (limit !== undefined) {
    if (limit.kind === "secondary") {
      return `GitHub's secondary rate limit stopped this run (too many requests in a short time); try again in ${limit.retryAfterSeconds ?? 60} s.`;
    }
    const reset = limit.resetAt === undefined ? "within the hour" : `at ${limit.resetAt.toISOString().replace(/\.\d{3}Z$/, "Z")}`;
    return context.authenticated
      ? `GitHub's API rate limit for this token is used up; it resets ${reset}. Try again then.`
      : `GitHub's API rate limit for unauthenticated requests (60 an hour) is used up; it resets ${reset}. To get 5,000 requests an hour, ${context.howToGiveToken}.`;
  }
  switch (status) {
    case 401:
      return `GitHub refused the token (401 ${said}): it is expired, revoked or mistyped. ${capitalize(context.howToGiveToken)} with a valid token.`;
    case 403:
      return context.stage === "post"
        ? `The token may not post a review on ${pr} (403 ${said}): it needs write access to pull requests ("Pull requests: Read and write" for a fine-grained token, the repo scope for a classic one). A workflow run for a pull request from a fork gets a read-only token.`
        : `The token may not read ${repo} (403 ${said}): give it read access to the repository's contents and pull requests.`;
    case 404:
      if (context.stage === "post") return `${pr} was not found when posting the review (404): the token cannot see the pull request any more; check its access to ${repo}.`;
      return context.authenticated
        ? `${pr} was not found (404): check the owner, repository and number, and that the token can read ${repo} (a private repository needs a token with access to it).`
        : `${pr} was not found (404): check the owner, repository and number. If ${repo} is private, ${context.howToGiveToken} with a token that can read it.`;
    case 500:
      if (!hasResponse(error)) return `Could not reach GitHub at ${context.apiUrl} (${error.message}); check the network, or the --api-url for GitHub Enterprise Server.`;
      return `GitHub failed (500 ${said}); try again in a minute.`;
    default:
      return `GitHub answered ${status ?? "no status"} (${said}) while ${context.stage === "post" ? `posting the review on ${pr}` : `reading ${pr}`}.`;
  }
}

type RateLimit = { readonly kind: "primary"; readonly resetAt: Date | undefined } | { readonly kind: "secondary"; readonly retryAfterSeconds: number | undefined };

/** GitHub's rate limits come as 403 or 429: the primary one with x-ratelimit-remaining 0, the secondary one with retry-after or its message. */
function rateLimit(status: number | undefined, headers: Readonly<Record<string, string | number | undefined>>, said: string): RateLimit | undefined {
  if (status !== 403 && status !== 429) return undefined;
  const retryAfter = Number(headers["retry-after"]);
  if (/secondary rate limit/i.test(said) || (headers["retry-after"] !== undefined && Number.isFinite(retryAfter))) {
    return { kind: "secondary", retryAfterSeconds: Number.isFinite(retryAfter) ? retryAfter : undefined };
  }
  if (String(headers["x-ratelimit-remaining"]) === "0" || /rate limit exceeded/i.test(said)) {
    const reset = Number(headers["x-ratelimit-reset"]);
    return { kind: "primary", resetAt: Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : undefined };
  }
  return undefined;
}

/** GitHub's own `message` from the response body, else the error's first line (never the request, which holds the token). */
function githubMessage(error: Error): string {
  const response: unknown = Reflect.get(error, "response");
  const data = typeof response === "object" && response !== null ? (response as { readonly data?: unknown }).data : undefined;
  if (typeof data === "object" && data !== null && "message" in data && typeof data.message === "string") return data.message.split("\n")[0] ?? "";
  return (error.message.split("\n")[0] ?? "").replace(/ - https:\/\/docs\.github\.com\S*$/, "");
}

function hasResponse(error: Error): boolean {
  return Reflect.get(error, "response") !== undefined;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
