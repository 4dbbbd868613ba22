import { randomUUID } from "node:crypto";
import path from "node:path";
import { chooseApiUrl } from "../cli/choose-api-url.js";
import { EXIT, UsageError } from "../cli/cli-io.js";
import { createRestOctokit } from "../cli/create-rest-octokit.js";
import { describeGitHubError, type GitHubErrorContext } from "../cli/describe-github-error.js";
import { readCliSettings } from "../cli/read-cli-settings.js";
import { printRemoteReview } from "../cli/print-remote-review.js";
import type { ModelFactory } from "../cli/review-command.js";
import { reviewRemotePullRequest, type RemoteReview } from "../cli/review-remote-pull-request.js";
import { InvalidConfigError, type RepoConfig } from "../config/repo-config.js";
import type { StandingFile } from "../review/markers.js";
import { describeStanding } from "../github/describe-standing.js";
import { standingConclusion } from "../github/standing-conclusion.js";
import { decidePullRequestEvent } from "../github/decide-pull-request-event.js";
import { postPullRequestReview } from "../github/post-pull-request-review.js";
import { requestErrorInfo } from "../github/request-error-info.js";
import type { JobLog } from "../log/job-log.js";
import type { ReviewChange } from "../pipeline/review-types.js";
import { readActionInputs } from "./read-action-inputs.js";
import { readPullRequestEvent } from "./read-pull-request-event.js";
import { workflowCommand } from "./workflow-command.js";

/** What the Action touches, passed in: the runner's environment, its files (event, summary, outputs), the log. */
export interface ActionIo {
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The job's log; workflow commands (`::error::`) go here too. */
  readonly stdout: { write(text: string): unknown };
  readonly readFile: (file: string) => Promise<string>;
  readonly appendFile: (file: string, text: string) => Promise<void>;
}

export interface ActionDeps {
  readonly createModel: ModelFactory;
  readonly reviewChange?: ReviewChange;
  readonly now?: () => number;
  /** The token that switches workflow commands off while the review (text from the pull request) is printed. */
  readonly stopToken?: () => string;
}

/**
 * The GitHub Action (`action.yml`): review the pull request of a
 * `pull_request` event with the workflow's token, through the App's code path.
 *  1. read the event; skip what the App skips (closed, bot authors, other actions);
 *  2. read the inputs: token, API URL, fail-on level, config file;
 *  3. review the pull request (skipping drafts and a head that moved on, as the App does);
 *  4. print the review to the log and the job summary;
 *  5. post it (as github-actions[bot]; a read-only token from a fork only warns);
 *  6. set the outputs, and exit 1 when findings reach the fail-on level.
 * Every problem is one `::error::` line saying what to do, exit 2.
 */
export async function runAction(io: ActionIo, deps: ActionDeps): Promise<number> {
  try {
    return await reviewEvent(io, deps);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stdout.write(workflowCommand("error", error.message));
    return EXIT.usage;
  }
}

async function reviewEvent(io: ActionIo, deps: ActionDeps): Promise<number> {
  const { env } = io;

  // 1. The event.
  const eventPath = env.GITHUB_EVENT_PATH;
  if (eventPath === undefined || eventPath === "") throw new UsageError("GITHUB_EVENT_PATH is not set: patchsmith's Action runs as a step of a GitHub Actions workflow.");
  const payload = readPullRequestEvent(env.GITHUB_EVENT_NAME, await readOrExplain(io, eventPath, "the event payload (GITHUB_EVENT_PATH)"));
  // The Action has no App installation; otherwise the decision is the App's own.
  const decision = decidePullRequestEvent(env.GITHUB_RUN_ID ?? "action", { ...payload, installation: { id: 0 } });
  if (!decision.review) {
    io.stdout.write(workflowCommand("notice", `patchsmith did not review: ${decision.reason}.`));
    return EXIT.ok;
  }
  const job = decision.job;
  const ref = { owner: job.owner, repo: job.repo, number: job.pullNumber };
  const label = `${ref.owner}/${ref.repo}#${ref.number}`;

  // 2. The inputs.
  const inputs = readActionInputs(env);
  const { token } = inputs;
  const apiUrl = chooseApiUrl({ apiUrl: env.GITHUB_API_URL, refHost: undefined, flag: "GITHUB_API_URL" });
  const configFile =
    inputs.configPath === undefined
      ? undefined
      : { path: inputs.configPath, text: await readOrExplain(io, path.resolve(env.GITHUB_WORKSPACE ?? ".", inputs.configPath), `the config input ${inputs.configPath}`) };
  const context: Omit<GitHubErrorContext, "stage"> = { pullRequest: label, howToGiveToken: "pass a token in the github-token input", authenticated: true, apiUrl };
  const octokit = createRestOctokit({ token, baseUrl: apiUrl, timeoutMs: readCliSettings(env).githubTimeoutMs, warn: (message) => io.stdout.write(workflowCommand("warning", message)) });

  // 3. The review.
  let remote: RemoteReview;
  try {
    remote = await reviewRemotePullRequest({
      octokit,
      ref,
      posting: true,
      ...(configFile === undefined ? {} : { configFile }),
      createModel: deps.createModel,
      env: inputs.modelEnv,
      now: deps.now ?? Date.now,
      onNotice: (message) => io.stdout.write(`patchsmith: ${message}\n`),
      skip: (pr, config) => {
        if (pr.state === "closed") return "the pull request is closed";
        if (pr.headSha !== job.headSha) return `the head moved on to ${pr.headSha.slice(0, 7)}; the run for that push reviews it`;
        if (pr.draft && !config.drafts) return "draft pull request (set `drafts: true` in .github/patchsmith.yml to review drafts)";
        return undefined;
      },
      ...(deps.reviewChange === undefined ? {} : { reviewChange: deps.reviewChange }),
    });
  } catch (error) {
    throw explain(error, { ...context, stage: "read" });
  }
  if (remote.kind === "skipped") {
    io.stdout.write(workflowCommand("notice", `patchsmith did not review ${label}: ${remote.reason}.`));
    return EXIT.ok;
  }
  if (remote.kind === "up-to-date") {
    // A re-run of the workflow: nothing new, but the gate is still what stands at this head, as its review recorded it.
    io.stdout.write(workflowCommand("notice", `patchsmith already reviewed ${label} at ${remote.pr.headSha.slice(0, 7)}; nothing new to post. Standing there: ${describeStanding(remote.standing).replace(/`/g, "")}.`));
    return gate(io, label, remote.standing, { severity: remote.config.severity, failOn: inputs.failOn ?? remote.config.failOn });
  }
  const { reviewed, config } = remote;

  // 4. The log and the job summary. The review quotes the pull request: no workflow command may hide in it.
  const markdown = await printRemoteReview(reviewed, "markdown");
  const stop = (deps.stopToken ?? randomUUID)();
  io.stdout.write(`::stop-commands::${stop}\n${markdown}::${stop}::\n`);
  if (env.GITHUB_STEP_SUMMARY !== undefined && env.GITHUB_STEP_SUMMARY !== "") await io.appendFile(env.GITHUB_STEP_SUMMARY, markdown);

  // 5. Post it.
  let reviewId: number | undefined;
  if (!reviewed.worthPosting) {
    io.stdout.write(workflowCommand("notice", `Nothing new since the last review of ${label}; no review posted.`));
  } else {
    try {
      const published = await postPullRequestReview({
        octokit,
        owner: ref.owner,
        repo: ref.repo,
        pullNumber: ref.number,
        review: reviewed.review,
        knownIds: reviewed.state.reviewIds,
        trustedLogin: remote.trustedLogin,
        log: actionLog(io),
      });
      reviewId = published.reviewId;
      io.stdout.write(`patchsmith: posted review ${published.reviewId} on ${label} with ${published.posted.length} inline comment(s).\n`);
    } catch (error) {
      const message = describeGitHubError(error, { ...context, stage: "post" });
      if (message === undefined || requestErrorInfo(error).status !== 403) throw explain(error, { ...context, stage: "post" });
      io.stdout.write(workflowCommand("warning", `${message} The review is in this job's summary instead.`));
    }
  }

  // 6. Outputs and the exit code.
  const findings = reviewed.result.findings;
  if (env.GITHUB_OUTPUT !== undefined && env.GITHUB_OUTPUT !== "") {
    await io.appendFile(env.GITHUB_OUTPUT, `findings=${findings.length}\nreview-id=${reviewId ?? ""}\n`);
  }
  return gate(io, label, reviewed.standing, { severity: config.severity, failOn: inputs.failOn ?? config.failOn });
}

/** Exit 1 when a finding standing at the head (this run's or one carried from an earlier review) reaches fail-on. */
function gate(io: ActionIo, label: string, standing: readonly StandingFile[], config: Pick<RepoConfig, "severity" | "failOn">): number {
  if (standingConclusion(standing, config) !== "failure") return EXIT.ok;
  io.stdout.write(workflowCommand("error", `patchsmith found problems of severity ${config.failOn} or worse in ${label} (fail-on: ${config.failOn}); see the review.`));
  return EXIT.findings;
}

async function readOrExplain(io: ActionIo, file: string, what: string): Promise<string> {
  try {
    return await io.readFile(file);
  } catch (error) {
    throw new UsageError(`Cannot read ${what} at ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}).`, { cause: error });
  }
}

function explain(error: unknown, context: GitHubErrorContext): unknown {
  if (error instanceof InvalidConfigError) return new UsageError(`${error.message} Nothing was reviewed: fix the file, or point the config input at a valid one.`, { cause: error });
  const message = describeGitHubError(error, context);
  return message === undefined ? error : new UsageError(message, { cause: error });
}

/** The shared GitHub code's warnings and errors as workflow annotations (message only: the objects may hold request details). */
function actionLog(io: ActionIo): JobLog {
  const annotate = (command: "warning" | "error") => (_obj: object, msg?: string) => {
    if (msg !== undefined && msg !== "") io.stdout.write(workflowCommand(command, msg));
  };
  return { debug: () => undefined, info: () => undefined, warn: annotate("warning"), error: annotate("error") };
}
