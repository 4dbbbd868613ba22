import type { CommandJob } from "../jobs/command-job.js";
import type { JobLog } from "../log/job-log.js";
import type { AddOutcome } from "../jobs/queue.js";
import { inlineCode } from "../review/inline-code.js";
import { SCAN_ISSUE_LABEL } from "../github/find-scan-issue.js";
import type { ScanJob } from "../scan/scan-job.js";
import type { CommandResult } from "./command-context.js";

/** What `scan` reads of a running command: who asked where, the log, and the app's scan queue (absent when scans are not set up). */
export interface ScanCommandContext {
  readonly job: Pick<CommandJob, "deliveryId" | "installationId" | "owner" | "repo" | "author">;
  readonly deps: { readonly log: JobLog; readonly enqueueScan?: (job: ScanJob) => AddOutcome | Promise<AddOutcome> };
}

/**
 * `scan`: queue a scan of the repository's default branch now (write access
 * is checked before any command runs). The reply says where progress and the
 * report will show; nothing from the comment but the author's login is used.
 */
export async function handleScanCommand(context: ScanCommandContext): Promise<CommandResult> {
  const { job, deps } = context;
  if (deps.enqueueScan === undefined) {
    return { ok: false, body: "Repository scans are not set up in this patchsmith instance, so no scan was started. Ask the app's operator to enable them." };
  }
  const scan: ScanJob = { kind: "scan", installationId: job.installationId, owner: job.owner, repo: job.repo, trigger: "command", occurrence: `command:${job.deliveryId}`, requestedBy: job.author };
  const outcome = await deps.enqueueScan(scan);
  deps.log.info({ deliveryId: job.deliveryId, repository: `${job.owner}/${job.repo}`, author: job.author, outcome }, `Scan of ${job.owner}/${job.repo} asked for by ${job.author}: ${outcome}`);
  if (outcome === "duplicate") return { ok: true, body: "This scan is already queued; its report will follow." };
  return {
    ok: true,
    body: `A scan of ${inlineCode(`${job.owner}/${job.repo}`)}'s default branch is queued (asked by ${inlineCode(job.author)}). Its progress shows as the \`patchsmith scan\` check run on the branch's head commit; the report goes to the tracking issue labelled \`${SCAN_ISSUE_LABEL}\` (opened only when there is something to report).`,
  };
}
