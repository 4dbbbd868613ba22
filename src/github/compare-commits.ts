import type { ProbotOctokit } from "probot";
import { requestErrorInfo } from "./request-error-info.js";

/** GitHub lists at most this many files in a comparison. */
export const COMPARE_FILE_LIMIT = 300;

export type Comparison =
  | {
      readonly status: "ahead" | "behind" | "diverged" | "identical";
      readonly mergeBaseSha: string;
      /** Paths changed between the two commits (old and new paths of renames). */
      readonly paths: ReadonlySet<string>;
      /** False when GitHub's 300-file limit may have cut `paths` short. */
      readonly complete: boolean;
    }
  | { readonly status: "missing" };

/**
 * Compare two commits (`base...head`): the merge base, how they relate, and
 * the files changed. A commit that no longer exists (after a force-push and
 * garbage collection) gives `missing`.
 */
export async function compareCommits(params: {
  readonly octokit: Pick<ProbotOctokit, "rest">;
  readonly owner: string;
  readonly repo: string;
  readonly base: string;
  readonly head: string;
}): Promise<Comparison> {
  try {
    const { data } = await params.octokit.rest.repos.compareCommitsWithBasehead({
      owner: params.owner,
      repo: params.repo,
      basehead: `${params.base}...${params.head}`,
    });
    const files = data.files ?? [];
    const paths = new Set<string>();
    for (const file of files) {
      paths.add(file.filename);
      if (file.previous_filename !== undefined) paths.add(file.previous_filename);
    }
    return { status: data.status, mergeBaseSha: data.merge_base_commit.sha, paths, complete: files.length < COMPARE_FILE_LIMIT };
  } catch (error) {
    const { status } = requestErrorInfo(error);
    if (status === 404 || status === 422) return { status: "missing" };
    throw error;
  }
}
