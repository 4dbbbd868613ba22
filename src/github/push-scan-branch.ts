import type { ProbotOctokit } from "probot";
import { requestErrorInfo } from "./request-error-info.js";

/** The branch the scan's fix pull request comes from. */
export const SCAN_BRANCH = "patchsmith/scan";
/** The trailer every commit patchsmith puts on that branch carries: a branch whose head lacks it has someone else's work. */
export const SCAN_TRAILER = "Patchsmith-Scan:";

export interface BranchFile {
  readonly path: string;
  readonly text: string;
  readonly executable: boolean;
}

export type PushScanBranchResult =
  | { readonly kind: "pushed"; readonly sha: string; readonly created: boolean }
  | { readonly kind: "unchanged"; readonly sha: string }
  | { readonly kind: "refused"; readonly reason: string };

/**
 * Put one commit on `patchsmith/scan`: the scanned commit plus the given
 * files, through the git data API (nothing is checked out):
 *  1. read the branch; if its head commit is not patchsmith's (no trailer), stop;
 *  2. build the tree on the scanned commit's tree;
 *  3. if the branch already holds exactly that tree on that parent, leave it;
 *  4. otherwise commit and move (or create) the branch to the commit.
 */
export async function pushScanBranch(params: {
  readonly octokit: Pick<ProbotOctokit, "rest">;
  readonly owner: string;
  readonly repo: string;
  readonly baseSha: string;
  readonly files: readonly BranchFile[];
  /** The commit message; the trailer with the scanned SHA is added. */
  readonly message: string;
}): Promise<PushScanBranchResult> {
  const { octokit, owner, repo } = params;
  // 1. The branch as it is.
  let current: { readonly sha: string; readonly treeSha: string; readonly parent?: string } | undefined;
  try {
    const { data: ref } = await octokit.rest.git.getRef({ owner, repo, ref: `heads/${SCAN_BRANCH}` });
    const { data: head } = await octokit.rest.git.getCommit({ owner, repo, commit_sha: ref.object.sha });
    if (!head.message.includes(`\n${SCAN_TRAILER} `)) {
      return { kind: "refused", reason: `the branch ${SCAN_BRANCH} has commits patchsmith did not make, so it was left alone; merge or delete it and the next scan will use it again.` };
    }
    const parent = head.parents[0]?.sha;
    current = { sha: head.sha, treeSha: head.tree.sha, ...(parent === undefined ? {} : { parent }) };
  } catch (error) {
    if (requestErrorInfo(error).status !== 404) throw error;
  }

  // 2. The tree.
  const { data: base } = await octokit.rest.git.getCommit({ owner, repo, commit_sha: params.baseSha });
  const { data: tree } = await octokit.rest.git.createTree({
    owner,
    repo,
    base_tree: base.tree.sha,
    tree: params.files.map((file) => ({ path: file.path, mode: file.executable ? ("100755" as const) : ("100644" as const), type: "blob" as const, content: file.text })),
  });

  // 3. Nothing new?
  if (current !== undefined && current.treeSha === tree.sha && current.parent === params.baseSha) return { kind: "unchanged", sha: current.sha };

  // 4. Commit and move the branch.
  const { data: commit } = await octokit.rest.git.createCommit({
    owner,
    repo,
    message: `${params.message.trimEnd()}\n\n${SCAN_TRAILER} ${params.baseSha}\n`,
    tree: tree.sha,
    parents: [params.baseSha],
  });
  if (current === undefined) {
    await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${SCAN_BRANCH}`, sha: commit.sha });
    return { kind: "pushed", sha: commit.sha, created: true };
  }
  await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${SCAN_BRANCH}`, sha: commit.sha, force: true });
  return { kind: "pushed", sha: commit.sha, created: false };
}
