import type { ProbotOctokit } from "probot";

/** GitHub's listFiles returns at most this many files of a pull request. */
export const GITHUB_FILE_LIST_LIMIT = 3000;

/** One file of the pull request as GitHub lists it. */
export interface PullRequestFile {
  readonly path: string;
  /** The old path of a renamed or copied file. */
  readonly previousPath?: string;
  /** GitHub's status: added, removed, modified, renamed, copied, changed, unchanged. */
  readonly status: string;
  /** The unified diff hunks; absent for binaries and diffs GitHub finds too large. */
  readonly patch?: string;
}

export interface PullRequestFiles {
  readonly files: readonly PullRequestFile[];
  /** True when GitHub's 3,000-file cap cut the list short. */
  readonly capped: boolean;
}

/** Every file of the pull request, 100 a page, up to GitHub's cap (which is reported, not hidden). */
export async function listPullRequestFiles(params: {
  readonly octokit: Pick<ProbotOctokit, "rest" | "paginate">;
  readonly owner: string;
  readonly repo: string;
  readonly pullNumber: number;
  /** The PR's `changed_files`, to tell when the list was cut short. */
  readonly changedFiles?: number;
}): Promise<PullRequestFiles> {
  const { octokit } = params;
  const raw = await octokit.paginate(octokit.rest.pulls.listFiles, {
    owner: params.owner,
    repo: params.repo,
    pull_number: params.pullNumber,
    per_page: 100,
  });
  const files = raw.map((file): PullRequestFile => ({
    path: file.filename,
    status: file.status,
    ...(file.previous_filename === undefined ? {} : { previousPath: file.previous_filename }),
    ...(file.patch === undefined ? {} : { patch: file.patch }),
  }));
  const capped = files.length >= GITHUB_FILE_LIST_LIMIT || (params.changedFiles !== undefined && params.changedFiles > files.length);
  return { files, capped };
}
