import type { ProbotOctokit } from "probot";
import { SCAN_ISSUE_LABEL, type ScanIssue } from "./find-scan-issue.js";

export type SaveScanIssueResult =
  | { readonly kind: "created" | "updated" | "closed"; readonly number: number; readonly url: string }
  | { readonly kind: "none" };

/**
 * Write the scan report to the tracking issue, never a second one:
 *  - something to report: update the existing issue (reopened if closed), or open it;
 *  - nothing to report: update the existing issue and close it as completed,
 *    or, when there is none, open nothing.
 */
export async function saveScanIssue(params: {
  readonly octokit: Pick<ProbotOctokit, "rest">;
  readonly owner: string;
  readonly repo: string;
  readonly existing: ScanIssue | undefined;
  readonly title: string;
  readonly body: string;
  /** Findings, or a refusal the team should see. */
  readonly somethingToReport: boolean;
}): Promise<SaveScanIssueResult> {
  const { octokit, owner, repo, existing } = params;
  if (existing === undefined) {
    if (!params.somethingToReport) return { kind: "none" };
    const { data } = await octokit.rest.issues.create({ owner, repo, title: params.title, body: params.body, labels: [SCAN_ISSUE_LABEL] });
    return { kind: "created", number: data.number, url: data.html_url };
  }
  if (params.somethingToReport) {
    await octokit.rest.issues.update({ owner, repo, issue_number: existing.number, title: params.title, body: params.body, ...(existing.state === "closed" ? { state: "open" as const } : {}) });
    return { kind: "updated", number: existing.number, url: existing.url };
  }
  await octokit.rest.issues.update({
    owner,
    repo,
    issue_number: existing.number,
    title: params.title,
    body: params.body,
    ...(existing.state === "open" ? { state: "closed" as const, state_reason: "completed" as const } : {}),
  });
  return { kind: "closed", number: existing.number, url: existing.url };
}
