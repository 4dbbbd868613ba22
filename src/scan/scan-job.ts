/** Why a scan runs: its schedule, `/patchsmith scan` in an issue comment, or "Re-run" on its check run. */
export type ScanTrigger = "schedule" | "command" | "rerequested";

/** One repository scan to do, as plain JSON data (so a durable queue could store it). */
export interface ScanJob {
  readonly kind: "scan";
  readonly installationId: number;
  readonly owner: string;
  readonly repo: string;
  readonly trigger: ScanTrigger;
  /** The schedule's occurrence (ISO time, offset included) for a scheduled scan; the delivery id otherwise. */
  readonly occurrence: string;
  /** Who asked, for a command. */
  readonly requestedBy?: string;
}

/** The identity of a scan: the same occurrence (or delivery) twice is the same work. */
export function scanJobId(job: Pick<ScanJob, "owner" | "repo" | "occurrence">): string {
  return `scan:${job.owner}/${job.repo}@${job.occurrence}`;
}
