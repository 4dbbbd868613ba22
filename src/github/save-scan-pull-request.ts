import type { ProbotOctokit } from "probot";
import { SCAN_BRANCH } from "./push-scan-branch.js";

export type SaveScanPullRequestResult =
  | { readonly kind: "created" | "updated" | "closed"; readonly number: number; readonly url: string }
  | { readonly kind: "none" };

/**
 * Keep one open pull request from `patchsmith/scan`: update the open one (or
 * open it) with `save`, close it with `close` (nothing left to fix).
 */
export async function saveScanPullRequest(params: {
  readonly octokit: Pick<ProbotOctokit, "rest">;
  readonly owner: string;
  readonly repo: string;
  readonly action: { readonly kind: "save"; readonly base: string; readonly title: string; readonly body: string } | { readonly kind: "close" };
}): Promise<SaveScanPullRequestResult> {
  const { octokit, owner, repo, action } = params;
  const { data: open } = await octokit.rest.pulls.list({ owner, repo, state: "open", head: `${owner}:${SCAN_BRANCH}`, per_page: 10 });
  const existing = open[0];
  if (action.kind === "close") {
    if (existing === undefined) return { kind: "none" };
    await octokit.rest.pulls.update({ owner, repo, pull_number: existing.number, state: "closed" });
    return { kind: "closed", number: existing.number, url: existing.html_url };
  }
  if (existing !== undefined) {
    await octokit.rest.pulls.update({ owner, repo, pull_number: existing.number, title: action.title, body: action.body });
    return { kind: "updated", number: existing.number, url: existing.html_url };
  }
  const { data } = await octokit.rest.pulls.create({ owner, repo, head: SCAN_BRANCH, base: action.base, title: action.title, body: action.body });
  return { kind: "created", number: data.number, url: data.html_url };
}
