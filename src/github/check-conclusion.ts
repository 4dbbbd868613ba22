import type { RepoConfig } from "../config/repo-config.js";
import type { Finding, Severity } from "../types.js";
import type { CheckConclusion } from "./create-check-run.js";

const RANK: Record<Severity, number> = { info: 0, warning: 1, error: 2 };

/**
 * `success` with nothing to report, `neutral` with findings: the check never
 * blocks a merge unless the config asks with `failOn`, and then `failure`
 * only for findings at or above that severity.
 */
export function checkConclusion(findings: readonly Pick<Finding, "severity" | "unverified">[], config: Pick<RepoConfig, "failOn" | "severity">): CheckConclusion {
  const failOn = config.failOn;
  // A model's unverified claim never fails the check.
  if (failOn !== "never" && findings.some((f) => f.unverified !== true && RANK[f.severity] >= RANK[failOn])) return "failure";
  return findings.some((f) => RANK[f.severity] >= RANK[config.severity]) ? "neutral" : "success";
}
