import type { ProbotOctokit } from "probot";
import { SCAN_ISSUE_MARKER } from "../scan/scan-state-marker.js";

/** The label the tracking issue carries, so it is found with one short listing. */
export const SCAN_ISSUE_LABEL = "patchsmith-scan";

export interface ScanIssue {
  readonly number: number;
  readonly state: "open" | "closed";
  readonly body: string;
  readonly url: string;
}

/**
 * The repository's scan tracking issue: among the issues with the scan label
 * (open or closed), the oldest one written by a bot that carries the hidden
 * scan marker. Issues people opened are never taken for it.
 */
export async function findScanIssue(params: { readonly octokit: Pick<ProbotOctokit, "rest" | "paginate">; readonly owner: string; readonly repo: string }): Promise<ScanIssue | undefined> {
  const { octokit } = params;
  const issues = await octokit.paginate(octokit.rest.issues.listForRepo, {
    owner: params.owner,
    repo: params.repo,
    state: "all",
    labels: SCAN_ISSUE_LABEL,
    per_page: 100,
  });
  const ours = issues
    .filter((issue) => issue.pull_request === undefined && issue.user?.type === "Bot" && (issue.body ?? "").includes(SCAN_ISSUE_MARKER))
    .sort((a, b) => a.number - b.number)[0];
  if (ours === undefined) return undefined;
  return { number: ours.number, state: ours.state === "closed" ? "closed" : "open", body: ours.body ?? "", url: ours.html_url };
}
