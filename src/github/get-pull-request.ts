import type { ProbotOctokit } from "probot";

/** What a review needs to know about a pull request, read fresh when the job starts. */
export interface PullRequestInfo {
  readonly number: number;
  readonly state: "open" | "closed";
  readonly draft: boolean;
  readonly headSha: string;
  readonly baseSha: string;
  readonly title: string;
  readonly body: string;
  readonly author: { readonly login: string; readonly type: string };
  /** Files GitHub counts in the PR (listFiles returns at most 3,000 of them). */
  readonly changedFiles: number;
}

export async function getPullRequest(params: {
  readonly octokit: Pick<ProbotOctokit, "rest">;
  readonly owner: string;
  readonly repo: string;
  readonly pullNumber: number;
}): Promise<PullRequestInfo> {
  const { data } = await params.octokit.rest.pulls.get({ owner: params.owner, repo: params.repo, pull_number: params.pullNumber });
  return {
    number: data.number,
    state: data.state === "closed" ? "closed" : "open",
    draft: data.draft === true,
    headSha: data.head.sha,
    baseSha: data.base.sha,
    title: data.title,
    body: data.body ?? "",
    author: { login: data.user.login, type: data.user.type },
    changedFiles: data.changed_files,
  };
}
