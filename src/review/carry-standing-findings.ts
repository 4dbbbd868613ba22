import type { Finding } from "../types.js";
import type { StandingFile } from "./markers.js";

type Counts = Omit<StandingFile, "path">;

/**
 * The findings standing at a new head: those of this run, plus those recorded
 * at the last reviewed head for files this run did not analyse again. A
 * recorded file is dropped when this run analysed it (its findings were
 * re-derived) or it is no longer part of the pull request (reverted, renamed
 * away, deleted); a file the run could not analyse (skipped, failed) keeps what
 * was recorded, so making a file unreadable does not clear its findings.
 */
export function carryStandingFindings(params: {
  /** Recorded by the last review; undefined on a first review. */
  readonly previous: readonly StandingFile[] | undefined;
  readonly findings: readonly Pick<Finding, "path" | "severity">[];
  /** Paths whose findings this run derived afresh. */
  readonly analysed: ReadonlySet<string>;
  /** Every path of the pull request at the new head. */
  readonly inPullRequest: ReadonlySet<string>;
}): StandingFile[] {
  const fresh = new Map<string, { error: number; warning: number; info: number }>();
  for (const finding of params.findings) {
    const counts = fresh.get(finding.path) ?? { error: 0, warning: 0, info: 0 };
    counts[finding.severity] += 1;
    fresh.set(finding.path, counts);
  }
  const standing = new Map<string, Counts>(fresh);
  for (const recorded of params.previous ?? []) {
    if (params.analysed.has(recorded.path) || !params.inPullRequest.has(recorded.path)) continue;
    // Not analysed this time (a secret may still have been found in it): whichever count is higher stands.
    const now = fresh.get(recorded.path);
    standing.set(recorded.path, {
      error: Math.max(recorded.error, now?.error ?? 0),
      warning: Math.max(recorded.warning, now?.warning ?? 0),
      info: Math.max(recorded.info, now?.info ?? 0),
    });
  }
  return [...standing]
    .map(([path, c]) => ({ path, error: c.error, warning: c.warning, info: c.info }))
    .filter((f) => f.error + f.warning + f.info > 0)
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
