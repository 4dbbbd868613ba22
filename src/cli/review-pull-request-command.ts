import { parseArgs } from "node:util";
import { InvalidConfigError } from "../config/repo-config.js";
import { postPullRequestReview } from "../github/post-pull-request-review.js";
import type { ReviewChange } from "../pipeline/review-types.js";
import { describeStanding } from "../github/describe-standing.js";
import { standingConclusion } from "../github/standing-conclusion.js";
import { chooseApiUrl } from "./choose-api-url.js";
import { type CliIo, EXIT, UsageError } from "./cli-io.js";
import { createRestOctokit } from "./create-rest-octokit.js";
import { describeGitHubError } from "./describe-github-error.js";
import { readCliSettings } from "./read-cli-settings.js";
import { readConfigFile } from "./read-config-file.js";
import { printRemoteReview } from "./print-remote-review.js";
import { parsePullRequestRef } from "./parse-pull-request-ref.js";
import type { ModelFactory } from "./review-command.js";
import { reviewRemotePullRequest } from "./review-remote-pull-request.js";
import { stderrLog } from "./stderr-log.js";

export const REVIEW_PULL_REQUEST_USAGE = `Usage: patchsmith review <PULL REQUEST URL | OWNER/REPO#N> [--post] [--token TOKEN] [--api-url URL]
                         [--format text|json|markdown] [--fail-on error|warning|never] [--config FILE]

Reviews a pull request on GitHub without installing the App: it is loaded through
the REST API exactly as the App loads it, and the review is printed exactly as the
App would post it.
  --post          post the review on the pull request, as the token's user (same markers and
                  de-duplication as the App: a second run posts only what is new)
  --token TOKEN   a GitHub token (default: GITHUB_TOKEN); without one, public repositories
                  only, within GitHub's unauthenticated rate limit (60 requests an hour)
  --api-url URL   the REST API of GitHub Enterprise Server, e.g. https://github.example.com/api/v3
                  (default: GITHUB_API_URL, else https://api.github.com)
  --format F      text (default), json, or markdown (the review as posted)
  --fail-on L     exit 1 when a finding of this severity or worse exists (default: the config's failOn)
  --config FILE   a patchsmith.yml to use (default: .github/patchsmith.yml of the repository, as the App reads it)
Environment: GITHUB_TOKEN; PATCHSMITH_MODEL (GGUF path or hf: URI) or PATCHSMITH_LLM_URL to use a model;
PATCHSMITH_GITHUB_TIMEOUT_MS, the longest wait for one GitHub request (default 120000).
Exit codes: 0 ok, 1 findings at or above --fail-on, 2 bad input or GitHub refused (the message says what to do).
`;

const OPTIONS = {
  post: { type: "boolean" },
  token: { type: "string" },
  "api-url": { type: "string" },
  format: { type: "string", default: "text" },
  "fail-on": { type: "string" },
  config: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

/** What the URL mode takes besides the command line: the model factory; tests also pass the engine and the clock. */
export interface ReviewPullRequestDeps {
  readonly createModel: ModelFactory;
  readonly reviewChange?: ReviewChange;
  readonly now?: () => number;
}

/**
 * `patchsmith review <URL | OWNER/REPO#N>`: returns the exit code.
 *  1. parse the command line, the pull request, the API URL and the token;
 *  2. review it through the App's code path (reviewRemotePullRequest);
 *  3. print it as the App would post it;
 *  4. with --post, post it (nothing when an earlier run already posted it all);
 *  5. exit 1 when findings standing at the head reach --fail-on (this run's, and with --post those
 *     recorded for files unchanged since the last review), also when it was already reviewed.
 * Every GitHub failure becomes one line saying what to do (exit 2).
 */
export async function runReviewPullRequestCommand(args: readonly string[], io: CliIo, deps: ReviewPullRequestDeps): Promise<number> {
  // 1. The command line.
  const { values, positionals } = parseArgs({ args: [...args], options: OPTIONS, strict: true, allowPositionals: true });
  if (values.help === true) {
    io.stdout.write(REVIEW_PULL_REQUEST_USAGE);
    return EXIT.ok;
  }
  if (positionals.length !== 1 || positionals[0] === undefined) {
    throw new UsageError(`expected one pull request, got ${positionals.length}: ${positionals.join(" ")}. Run \`patchsmith review --help\`.`);
  }
  const format = values.format;
  if (format !== "text" && format !== "json" && format !== "markdown") throw new UsageError(`--format ${format}: expected text, json or markdown.`);
  const failOnFlag = values["fail-on"];
  if (failOnFlag !== undefined && failOnFlag !== "error" && failOnFlag !== "warning" && failOnFlag !== "never") {
    throw new UsageError(`--fail-on ${failOnFlag}: expected error, warning or never.`);
  }
  const ref = parsePullRequestRef(positionals[0]);
  const apiUrl = chooseApiUrl({ apiUrl: values["api-url"] ?? io.env.GITHUB_API_URL, refHost: ref.host, flag: "--api-url" });
  const token = readToken(values.token, io.env.GITHUB_TOKEN);
  const post = values.post === true;
  if (post && token === undefined) throw new UsageError("--post needs a token that may write pull request reviews: set GITHUB_TOKEN or pass --token.");
  const configFile = values.config === undefined ? undefined : await readConfigFile({ cwd: io.cwd, given: values.config });

  const label = `${ref.owner}/${ref.repo}#${ref.number}`;
  const context = {
    pullRequest: label,
    howToGiveToken: "set GITHUB_TOKEN or pass --token",
    authenticated: token !== undefined,
    apiUrl,
  };
  const octokit = createRestOctokit({ token, baseUrl: apiUrl, timeoutMs: readCliSettings(io.env).githubTimeoutMs, warn: (message) => io.stderr.write(`patchsmith: ${message}\n`) });

  if (token === undefined) io.stderr.write("patchsmith: no token: reading as an anonymous user, within GitHub's limit of 60 requests an hour.\n");

  // 2. The review.
  let remote: Awaited<ReturnType<typeof reviewRemotePullRequest>>;
  try {
    remote = await reviewRemotePullRequest({
      octokit,
      ref,
      posting: post,
      ...(configFile === undefined ? {} : { configFile }),
      createModel: deps.createModel,
      env: io.env,
      now: deps.now ?? Date.now,
      onNotice: (message) => io.stderr.write(`patchsmith: ${message}\n`),
      ...(deps.reviewChange === undefined ? {} : { reviewChange: deps.reviewChange }),
    });
  } catch (error) {
    throw explain(error, { ...context, stage: "read" });
  }
  if (remote.kind === "skipped") throw new Error(`BUG: ${label} was skipped (${remote.reason}) though no skip was asked for`);
  if (remote.kind === "up-to-date") {
    // Nothing new, but the exit code is still the gate's: what stands at this head, as its review recorded it.
    io.stderr.write(`patchsmith: ${label} at ${remote.pr.headSha.slice(0, 7)} is already reviewed; nothing new to post. Standing there: ${describeStanding(remote.standing).replace(/`/g, "")}.\n`);
    return standingConclusion(remote.standing, { severity: remote.config.severity, failOn: failOnFlag ?? remote.config.failOn }) === "failure" ? EXIT.findings : EXIT.ok;
  }
  const { reviewed, config, pr } = remote;

  // 3. Print it.
  io.stdout.write(await printRemoteReview(reviewed, format));

  // 4. Post it.
  if (post) {
    if (!reviewed.worthPosting) {
      io.stderr.write(`patchsmith: nothing new since the last review of ${label}; no review posted.\n`);
    } else {
      try {
        const published = await postPullRequestReview({
          octokit,
          owner: ref.owner,
          repo: ref.repo,
          pullNumber: pr.number,
          review: reviewed.review,
          knownIds: reviewed.state.reviewIds,
          trustedLogin: remote.trustedLogin,
          log: stderrLog(io),
        });
        io.stderr.write(`patchsmith: posted review ${published.reviewId} on ${label} with ${published.posted.length} inline comment(s).\n`);
      } catch (error) {
        throw explain(error, { ...context, stage: "post" });
      }
    }
  }

  // 5. The exit code.
  const conclusion = standingConclusion(reviewed.standing, { severity: config.severity, failOn: failOnFlag ?? config.failOn });
  return conclusion === "failure" ? EXIT.findings : EXIT.ok;
}

/** The token from --token or GITHUB_TOKEN; empty means none. Never echoed. */
function readToken(flag: string | undefined, env: string | undefined): string | undefined {
  const token = (flag ?? env)?.trim();
  if (token === undefined || token === "") return undefined;
  if (/\s/.test(token)) throw new UsageError(`The token from ${flag === undefined ? "GITHUB_TOKEN" : "--token"} has a space or line break in it (not repeated here); check how it is set.`);
  return token;
}

function explain(error: unknown, context: Parameters<typeof describeGitHubError>[1]): unknown {
  if (error instanceof InvalidConfigError) return new UsageError(`${error.message} Nothing was reviewed: fix the file, or pass --config FILE.`, { cause: error });
  const message = describeGitHubError(error, context);
  return message === undefined ? error : new UsageError(message, { cause: error });
}
