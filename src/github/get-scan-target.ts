import type { ProbotOctokit } from "probot";
import { requestErrorInfo } from "./request-error-info.js";

/** The repository as a scan needs it: skipped (with why), or its default branch's head. */
export type ScanTarget =
  | { readonly kind: "skip"; readonly reason: string }
  | { readonly kind: "ready"; readonly defaultBranch: string; readonly headSha: string; readonly htmlUrl: string };

/**
 * Read the repository fresh (the schedule's view may be old): archived and
 * disabled repositories are skipped, and so is an empty one (its default
 * branch has no commit: GitHub answers 404 or 409).
 */
export async function getScanTarget(params: { readonly octokit: Pick<ProbotOctokit, "rest">; readonly owner: string; readonly repo: string }): Promise<ScanTarget> {
  const { octokit, owner, repo } = params;
  const { data } = await octokit.rest.repos.get({ owner, repo });
  if (data.archived) return { kind: "skip", reason: "the repository is archived" };
  if (data.disabled) return { kind: "skip", reason: "the repository is disabled" };
  const branch = data.default_branch;
  try {
    const { data: head } = await octokit.rest.repos.getBranch({ owner, repo, branch });
    return { kind: "ready", defaultBranch: branch, headSha: head.commit.sha, htmlUrl: data.html_url };
  } catch (error) {
    const { status } = requestErrorInfo(error);
    if (status === 404 || status === 409) return { kind: "skip", reason: `the repository is empty (its default branch ${branch} has no commit)` };
    throw error;
  }
}
